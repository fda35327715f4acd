using Library.BuildingBlocks.Persistence;
using Library.BuildingBlocks.Results;
using Library.Reader.Command.Infrastructure;
using Library.Reader.Contracts;
using Mediator;

namespace Library.Reader.Command.Readers.Reactivate;

internal sealed class ReactivateReaderHandler(
    ReaderDbContext db,
    CommandUnitOfWork<ReaderDbContext> unitOfWork,
    TimeProvider clock) : ICommandHandler<ReactivateReaderCommand, Result<ReaderChanged>>
{
    public async ValueTask<Result<ReaderChanged>> Handle(ReactivateReaderCommand command, CancellationToken cancellationToken) =>
        await unitOfWork.ExecuteAsync<Result<ReaderChanged>>(async (outbox, ct) =>
        {
            var loaded = await db.LoadForChangeAsync(command.ReaderId, command.ExpectedVersion, ct);
            if (!loaded.IsSuccess)
            {
                return loaded.Error;
            }

            var reader = loaded.Value;
            var now = clock.GetUtcNow();
            var reactivated = reader.Reactivate(now);
            if (!reactivated.IsSuccess)
            {
                return reactivated.Error;
            }

            outbox.Add(ReaderTopics.Reactivated, new ReaderReactivated(
                Guid.CreateVersion7(now), now, command.Actor, reader.Id, reader.Version, ReaderEventFactory.Snapshot(reader)));
            return reader.ToChanged();
        }, cancellationToken);
}
