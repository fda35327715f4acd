using Library.BuildingBlocks.Persistence;
using Library.BuildingBlocks.Results;
using Library.Lending.Command.Infrastructure;
using Library.Lending.Contracts;
using Mediator;

namespace Library.Lending.Command.Loans.Renew;

internal sealed class RenewLoanHandler(
    LendingDbContext db,
    CommandUnitOfWork<LendingDbContext> unitOfWork,
    TimeProvider clock) : ICommandHandler<RenewLoanCommand, Result<RenewLoanResponse>>
{
    public async ValueTask<Result<RenewLoanResponse>> Handle(RenewLoanCommand command, CancellationToken cancellationToken) =>
        await unitOfWork.ExecuteAsync<Result<RenewLoanResponse>>(async (outbox, ct) =>
        {
            var loaded = await db.LockForChangeAsync(command.LoanId, command.ExpectedVersion, ct, command.Caller);
            if (!loaded.IsSuccess)
            {
                return loaded.Error;
            }

            var loan = loaded.Value;
            var now = clock.GetUtcNow();
            var (closed, titleHasWaitingHolds) = await db.RenewalContextAsync(loan, ct);
            var renewed = loan.Renew(closed, now, titleHasWaitingHolds);
            if (!renewed.IsSuccess)
            {
                return renewed.Error;
            }

            var reader = await db.ReaderOfAsync(loan, ct);
            outbox.Add(LendingTopics.LoanRenewed, new LoanRenewed(Guid.CreateVersion7(now), now, command.Caller.ToActor(), loan.Id, loan.Version, LoanEventFactory.Snapshot(loan, reader)));
            return new RenewLoanResponse(loan.Id, loan.DueDate, loan.Renewals, loan.Version);
        }, cancellationToken);
}
