using Library.BuildingBlocks.Persistence;
using Library.BuildingBlocks.Results;
using Library.Lending.Command.Infrastructure;
using Library.Lending.Contracts;
using Mediator;

namespace Library.Lending.Command.Fines.WaiveFine;

internal sealed class WaiveFineHandler(
    LendingDbContext db,
    CommandUnitOfWork<LendingDbContext> unitOfWork,
    TimeProvider clock) : ICommandHandler<WaiveFineCommand, Result<FineBalanceResponse>>
{
    public async ValueTask<Result<FineBalanceResponse>> Handle(WaiveFineCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        long waived = 0;
        return await unitOfWork.ChangeAsync(
            db,
            command.FineId,
            command.ExpectedVersion,
            loan =>
            {
                var result = loan.Waive(command.Reason!, command.Actor, now);
                if (!result.IsSuccess)
                {
                    return result.Error;
                }

                waived = result.Value;
                return Result.Success();
            },
            (loan, snapshot) => new FineWaived(Guid.CreateVersion7(now), now, command.Actor, loan.Fine!.FineId, loan.Id, loan.Version, waived, loan.Fine.WaiverReason!, snapshot),
            LendingTopics.FineWaived,
            cancellationToken);
    }
}
