using Library.BuildingBlocks.Persistence;
using Library.BuildingBlocks.Results;
using Library.Lending.Command.Domain;
using Library.Lending.Command.Infrastructure;
using Library.Lending.Command.Loans;
using Library.Lending.Contracts;
using Mediator;

namespace Library.Lending.Command.Holds.CancelHold;

internal sealed class CancelHoldHandler(
    LendingDbContext db,
    CommandUnitOfWork<LendingDbContext> unitOfWork,
    TimeProvider clock) : ICommandHandler<CancelHoldCommand, Result<CancelHoldResponse>>
{
    public async ValueTask<Result<CancelHoldResponse>> Handle(CancelHoldCommand command, CancellationToken cancellationToken) =>
        await unitOfWork.ExecuteAsync<Result<CancelHoldResponse>>(async (outbox, ct) =>
        {
            var hold = await db.LockTitleOfHoldAsync(command.HoldId, ct);

            // Another reader's hold answers as an unknown one, whatever If-Match says (no 412 confirms it exists).
            if (hold is null || !command.Caller.MayActOnReader(hold.ReaderId))
            {
                return LendingErrors.HoldNotFound(command.HoldId.ToString());
            }

            if (command.ExpectedVersion is { } expected && expected != hold.Version)
            {
                return CommonErrors.VersionMismatch(expected, hold.Version);
            }

            var now = clock.GetUtcNow();
            var actor = command.Caller.ToActor();
            var copy = hold.Status == HoldStatus.Ready ? await db.LockCopyAsync(hold.CopyId!.Value, ct) : null;
            var cancelled = hold.Cancel(actor, now);
            if (!cancelled.IsSuccess)
            {
                return cancelled.Error;
            }

            var next = copy is null ? null : await db.PassOnAsync(outbox, copy, actor, now, ct);
            outbox.Add(LendingTopics.HoldCancelled, new HoldCancelled(
                Guid.CreateVersion7(now), now, actor, hold.Id, hold.Version, HoldEventFactory.Snapshot(hold), copy is null ? null : LoanEventFactory.Snapshot(copy)));
            return new CancelHoldResponse(hold.Id, HoldStatuses.Cancelled, hold.Version, copy is null ? null : next is null ? CopyRoutes.Shelf : CopyRoutes.HoldShelf);
        }, cancellationToken);
}
