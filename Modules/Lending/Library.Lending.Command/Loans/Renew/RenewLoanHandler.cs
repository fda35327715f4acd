using Library.BuildingBlocks.Persistence;
using Library.BuildingBlocks.Results;
using Library.Lending.Command.Infrastructure;
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
            var renewed = await db.RenewAsync(outbox, command.LoanId, command.ExpectedVersion, command.Caller, clock, ct);
            return renewed.IsSuccess ? RenewLoanResponse.From(renewed.Value) : renewed.Error;
        }, cancellationToken);
}
