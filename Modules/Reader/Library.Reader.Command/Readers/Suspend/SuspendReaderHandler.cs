using Library.BuildingBlocks.Persistence;
using Library.BuildingBlocks.Results;
using Library.Reader.Command.Infrastructure;
using Library.Reader.Contracts;
using Mediator;

namespace Library.Reader.Command.Readers.Suspend;

internal sealed class SuspendReaderHandler(
    ReaderDbContext db,
    CommandUnitOfWork<ReaderDbContext> unitOfWork,
    TimeProvider clock) : ICommandHandler<SuspendReaderCommand, Result<ReaderChanged>>
{
    public async ValueTask<Result<ReaderChanged>> Handle(SuspendReaderCommand command, CancellationToken cancellationToken) =>
        await unitOfWork.ExecuteAsync<Result<ReaderChanged>>(async (outbox, ct) =>
        {
            var loaded = await db.LoadForChangeAsync(command.ReaderId, command.ExpectedVersion, ct);
            if (!loaded.IsSuccess)
            {
                return loaded.Error;
            }

            var reader = loaded.Value;
            var now = clock.GetUtcNow();
            var suspended = reader.Suspend(command.Reason!, command.Actor, now);
            if (!suspended.IsSuccess)
            {
                return suspended.Error;
            }

            if (suspended.Value)
            {
                outbox.Add(ReaderTopics.Suspended, new ReaderSuspended(
                    Guid.CreateVersion7(now), now, command.Actor, reader.Id, reader.Version, reader.SuspensionReason!, ReaderEventFactory.Snapshot(reader)));
            }

            return reader.ToChanged();
        }, cancellationToken);
}
