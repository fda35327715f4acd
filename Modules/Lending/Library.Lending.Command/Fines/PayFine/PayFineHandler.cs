using Library.BuildingBlocks.Persistence;
using Library.BuildingBlocks.Results;
using Library.Lending.Command.Infrastructure;
using Library.Lending.Contracts;
using Mediator;

namespace Library.Lending.Command.Fines.PayFine;

internal sealed class PayFineHandler(
    LendingDbContext db,
    CommandUnitOfWork<LendingDbContext> unitOfWork,
    TimeProvider clock) : ICommandHandler<PayFineCommand, Result<FineBalanceResponse>>
{
    public async ValueTask<Result<FineBalanceResponse>> Handle(PayFineCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var amount = command.AmountCents!.Value;
        return await unitOfWork.ChangeAsync(
            db,
            command.FineId,
            command.ExpectedVersion,
            loan => loan.Pay(amount, command.Actor, now),
            (loan, snapshot) => new FinePaid(Guid.CreateVersion7(now), now, command.Actor, loan.Fine!.FineId, loan.Id, loan.Version, amount, snapshot),
            LendingTopics.FinePaid,
            cancellationToken);
    }
}
