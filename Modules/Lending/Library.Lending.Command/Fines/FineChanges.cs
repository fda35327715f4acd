using Library.BuildingBlocks.Persistence;
using Library.BuildingBlocks.Results;
using Library.Lending.Command.Domain;
using Library.Lending.Command.Infrastructure;
using Library.Lending.Command.Loans;
using Library.Lending.Contracts;

namespace Library.Lending.Command.Fines;

/// <summary>Payment and waiver share their shape: lock the fine's loan, change the fine, publish, answer the balance.</summary>
internal static class FineChanges
{
    public static Task<Result<FineBalanceResponse>> ChangeAsync(
        this CommandUnitOfWork<LendingDbContext> unitOfWork,
        LendingDbContext db,
        Guid fineId,
        long? expectedVersion,
        Func<Loan, Result> change,
        Func<Loan, LoanSnapshot, object> @event,
        string topic,
        CancellationToken cancellationToken) =>
        unitOfWork.ExecuteAsync<Result<FineBalanceResponse>>(async (outbox, ct) =>
        {
            var loaded = await db.LockByFineForChangeAsync(fineId, expectedVersion, ct);
            if (!loaded.IsSuccess)
            {
                return loaded.Error;
            }

            var loan = loaded.Value;
            var changed = change(loan);
            if (!changed.IsSuccess)
            {
                return changed.Error;
            }

            var reader = await db.ReaderOfAsync(loan, ct);
            outbox.Add(topic, @event(loan, LoanEventFactory.Snapshot(loan, reader)));
            var fine = loan.Fine!;
            return new FineBalanceResponse(fine.FineId, loan.Id, fine.AssessedCents, fine.PaidCents, fine.WaivedCents, fine.BalanceCents, loan.Currency, loan.Version);
        }, cancellationToken);
}
