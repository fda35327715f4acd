using Library.BuildingBlocks.Persistence;
using Library.BuildingBlocks.Results;
using Library.BuildingBlocks.Security;
using Library.Lending.Command.Domain;
using Library.Lending.Command.Infrastructure;
using Library.Lending.Contracts;

namespace Library.Lending.Command.Loans;

/// <summary>
/// The one renewal of a loan, shared by <c>POST /api/loans/{loanId}/renewal</c> and the reader's
/// renew-all, so a rule that refuses a renewal is written once and holds for both.
/// </summary>
internal static class LoanRenewals
{
    /// <summary>
    /// Locks the loan (404 for a loan the caller may not act on, 412 for a stale <paramref name="expectedVersion"/>),
    /// renews it and adds <c>loan.renewed</c> to the caller's unit of work; a failure rolls it back.
    /// </summary>
    public static async Task<Result<Loan>> RenewAsync(
        this LendingDbContext db,
        OutboxBatch outbox,
        Guid loanId,
        long? expectedVersion,
        Caller caller,
        TimeProvider clock,
        CancellationToken ct)
    {
        var loaded = await db.LockForChangeAsync(loanId, expectedVersion, ct, caller);
        if (!loaded.IsSuccess)
        {
            return loaded.Error;
        }

        // The time once the lock is held: a renewal that waited behind another must not see the loan as it was before.
        var now = clock.GetUtcNow();
        var loan = loaded.Value;
        var (closed, titleHasWaitingHolds) = await db.RenewalContextAsync(loan, ct);
        var renewed = loan.Renew(closed, now, titleHasWaitingHolds);
        if (!renewed.IsSuccess)
        {
            return renewed.Error;
        }

        var reader = await db.ReaderOfAsync(loan, ct);
        outbox.Add(LendingTopics.LoanRenewed, new LoanRenewed(Guid.CreateVersion7(now), now, caller.ToActor(), loan.Id, loan.Version, LoanEventFactory.Snapshot(loan, reader)));
        return loan;
    }
}
