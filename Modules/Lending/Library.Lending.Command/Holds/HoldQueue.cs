using Library.BuildingBlocks.Contracts;
using Library.BuildingBlocks.Persistence;
using Library.Lending.Command.Domain;
using Library.Lending.Command.Infrastructure;
using Library.Lending.Command.Loans;
using Library.Lending.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Library.Lending.Command.Holds;

/// <summary>
/// A title's queue of holds, as the commands that change it share it. Every method expects its caller to hold
/// the title's lock (<see cref="CirculationLocks.LockBookAsync"/>) and, where a copy is passed, the copy's lock
/// after it (ADR 0030): under those, the next waiting hold read here is still next when the command commits.
/// </summary>
internal static class HoldQueue
{
    /// <summary>The first waiting hold of the title, by queue number (first come, first served).</summary>
    public static Task<Hold?> NextWaitingAsync(this LendingDbContext db, string isbn, CancellationToken ct) =>
        db.Holds.Where(h => h.Isbn == isbn && h.Status == HoldStatus.Waiting).OrderBy(h => h.QueueNumber).FirstOrDefaultAsync(ct);

    /// <summary>How many waiting holds of the title are ahead of a hold with <paramref name="queueNumber"/>, plus one.</summary>
    public static async Task<int> PositionAsync(this LendingDbContext db, string isbn, long queueNumber, CancellationToken ct) =>
        await db.Holds.CountAsync(h => h.Isbn == isbn && h.Status == HoldStatus.Waiting && h.QueueNumber < queueNumber, ct) + 1;

    /// <summary>
    /// A copy that came free (checked in, or released by a ready hold that was cancelled, expired or fulfilled by
    /// another copy) goes to the first waiting hold of its title, which becomes ready until the pickup date
    /// (<c>holdPickupDays</c> from now, moved past closed days as a due date is), or back to the shelf. Adds
    /// <c>hold.ready</c> for a trap; the caller publishes the copy's own change with the copy as it ends here.
    /// </summary>
    /// <remarks>
    /// <paramref name="at"/> is when the copy came free: for a check-in its time, which an offline check-in
    /// (<c>occurredAt</c>) puts in the past, so the pickup date counts from the day the copy was back (spec: check-in
    /// + <c>holdPickupDays</c>); <paramref name="now"/> stamps the events.
    /// </remarks>
    public static async Task<Hold?> PassOnAsync(
        this LendingDbContext db, OutboxBatch outbox, Copy copy, Actor by, DateTimeOffset now, CancellationToken ct, DateTimeOffset? at = null)
    {
        var freedAt = at ?? now;
        var next = await db.NextWaitingAsync(copy.Isbn, ct);
        if (next is null)
        {
            copy.Shelve();
            return null;
        }

        // Saved first: the hold that let the copy go (cancelled, expired, fulfilled) must leave the ready state
        // before the next one enters it, or the one-ready-hold-per-copy index would see two for a moment (EF Core
        // does not order updates by a filtered index). One more round trip, only when a copy is passed on.
        await db.SaveChangesAsync(ct);
        var (policy, closed) = await db.PolicyWithClosedDaysAsync(freedAt, ct);
        next.Trap(copy, freedAt, OverdueRules.DueDate(freedAt, policy.HoldPickupDays, closed));
        var copySnapshot = LoanEventFactory.Snapshot(copy);
        outbox.Add(LendingTopics.HoldReady, new HoldReady(Guid.CreateVersion7(now), now, by, next.Id, next.Version, HoldEventFactory.Snapshot(next), copySnapshot));
        return next;
    }
}

/// <summary>The hold part of the integration events, from the hold as it is after the change.</summary>
internal static class HoldEventFactory
{
    public static HoldSnapshot Snapshot(Hold hold) => new(
        hold.Id,
        hold.QueueNumber,
        hold.ReaderId,
        hold.ReaderNumber,
        hold.Isbn,
        hold.Title,
        Hold.StatusName(hold.Status),
        hold.PlacedAt,
        hold.PlacedBy,
        hold.CopyId,
        hold.Barcode,
        hold.ReadyAt,
        hold.PickupBy,
        hold.ClosedAt,
        hold.ClosedBy,
        hold.LoanId);
}
