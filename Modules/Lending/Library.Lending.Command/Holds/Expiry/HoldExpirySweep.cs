using Library.BuildingBlocks.Contracts;
using Library.BuildingBlocks.Persistence;
using Library.BuildingBlocks.Results;
using Library.Lending.Command.Domain;
using Library.Lending.Command.Infrastructure;
using Library.Lending.Command.Loans;
using Library.Lending.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Library.Lending.Command.Holds.Expiry;

/// <summary>
/// Expires the ready holds not collected by their pickup date, and passes each one's copy on to the next waiting
/// hold or back to the shelf (spec section 6). Each expiry is its own transaction and a conditional change: under
/// the title's lock the hold is read again and expired only if it is still ready and still past its date. So any
/// number of instances of the Lending command service may sweep at once: for each hold one of them expires it and
/// the others find it no longer ready (no double trap, no lost hold); a crash between two expiries leaves the rest
/// for the next sweep.
/// </summary>
internal sealed class HoldExpirySweep(LendingDbContext db, CommandUnitOfWork<LendingDbContext> unitOfWork, TimeProvider clock)
{
    /// <summary>Holds read per query; a sweep repeats the query until fewer come back.</summary>
    public const int BatchSize = 100;

    public static readonly Actor Actor = Actor.System(LendingCommandModule.Name);

    /// <summary>Expires what is due now; returns how many holds this sweep expired (another instance's do not count).</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var expired = 0;
        while (true)
        {
            var now = clock.GetUtcNow();
            var due = await db.Holds.AsNoTracking()
                .Where(h => h.Status == HoldStatus.Ready && h.PickupBy < now)
                .OrderBy(h => h.PickupBy)
                .Select(h => h.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            foreach (var holdId in due)
            {
                if (await ExpireAsync(holdId, now, cancellationToken))
                {
                    expired++;
                }
            }

            if (due.Count < BatchSize)
            {
                return expired;
            }
        }
    }

    private async Task<bool> ExpireAsync(Guid holdId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var result = await unitOfWork.ExecuteAsync<Result<bool>>(async (outbox, ct) =>
        {
            var hold = await db.LockTitleOfHoldAsync(holdId, ct);
            if (hold is null || !hold.IsUncollected(now))
            {
                // Collected, cancelled, or expired by another instance since the query: nothing to do.
                return false;
            }

            var copy = await db.LockCopyAsync(hold.CopyId!.Value, ct);
            hold.Expire(Actor, now);
            await db.PassOnAsync(outbox, copy, Actor, now, ct);
            outbox.Add(LendingTopics.HoldExpired, new HoldExpired(
                Guid.CreateVersion7(now), now, Actor, hold.Id, hold.Version, HoldEventFactory.Snapshot(hold), LoanEventFactory.Snapshot(copy)));
            return true;
        }, cancellationToken);

        // A stale version means another instance changed the hold between our read and our write: it won.
        return result.IsSuccess && result.Value;
    }
}
