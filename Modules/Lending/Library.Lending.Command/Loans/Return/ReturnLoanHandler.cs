using Library.BuildingBlocks.Persistence;
using Library.BuildingBlocks.Results;
using Library.Lending.Command.Domain;
using Library.Lending.Command.Infrastructure;
using Mediator;

namespace Library.Lending.Command.Loans.Return;

internal sealed class ReturnLoanHandler(
    LendingDbContext db,
    CommandUnitOfWork<LendingDbContext> unitOfWork,
    TimeProvider clock) : ICommandHandler<ReturnLoanCommand, Result<ReturnLoanResponse>>
{
    public async ValueTask<Result<ReturnLoanResponse>> Handle(ReturnLoanCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var when = OfflineCirculation.When(command.OccurredAt, now);
        if (!when.IsSuccess)
        {
            return when.Error;
        }

        return await unitOfWork.ExecuteAsync<Result<ReturnLoanResponse>>(async (outbox, ct) =>
        {
            var loaded = await db.LockForChangeAsync(command.LoanId, command.ExpectedVersion, ct);
            if (!loaded.IsSuccess)
            {
                return loaded.Error;
            }

            var returned = await db.ReturnAsync(outbox, loaded.Value, command.Comment, command.Actor, when.Value, now, ct);
            return returned.IsSuccess ? ReturnLoanResponse.From(returned.Value) : returned.Error;
        }, cancellationToken);
    }
}
