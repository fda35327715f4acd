using Library.BuildingBlocks.Persistence;
using Library.BuildingBlocks.Results;
using Library.Lending.Command.Infrastructure;
using Library.Lending.Contracts;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Library.Lending.Command.Loans.DeclareLost;

internal sealed class DeclareLostHandler(
    LendingDbContext db,
    CommandUnitOfWork<LendingDbContext> unitOfWork,
    TimeProvider clock) : ICommandHandler<DeclareLostCommand, Result<DeclareLostResponse>>
{
    public async ValueTask<Result<DeclareLostResponse>> Handle(DeclareLostCommand command, CancellationToken cancellationToken) =>
        await unitOfWork.ExecuteAsync<Result<DeclareLostResponse>>(async (outbox, ct) =>
        {
            var loaded = await db.LockForChangeAsync(command.LoanId, command.ExpectedVersion, ct);
            if (!loaded.IsSuccess)
            {
                return loaded.Error;
            }

            var loan = loaded.Value;
            var now = clock.GetUtcNow();
            var copy = await db.LockCopyAsync(loan.CopyId, ct);
            var policy = await db.Policies.SingleAsync(ct);
            var closed = await db.ClosedDaysOfLatenessAsync(loan.DueDate, now, ct);
            var lost = loan.DeclareLost(copy, policy, command.Actor, now, Guid.CreateVersion7(now), closed);
            if (!lost.IsSuccess)
            {
                return lost.Error;
            }

            var reader = await db.ReaderOfAsync(loan, ct);
            var copySnapshot = LoanEventFactory.Snapshot(copy);
            outbox.AddClosingEvents(
                loan,
                LoanEventFactory.Snapshot(loan, reader),
                LendingTopics.LoanLost,
                (version, snapshot) => new LoanLost(Guid.CreateVersion7(now), now, command.Actor, loan.Id, version, snapshot, copySnapshot),
                command.Actor,
                now);
            return new DeclareLostResponse(loan.Id, loan.LostAt!.Value, FineResponse.From(loan), loan.Version);
        }, cancellationToken);
}
