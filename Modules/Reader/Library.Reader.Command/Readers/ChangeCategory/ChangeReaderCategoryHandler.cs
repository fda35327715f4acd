using Library.BuildingBlocks.Persistence;
using Library.BuildingBlocks.Results;
using Library.Reader.Command.Infrastructure;
using Library.Reader.Contracts;
using Mediator;

namespace Library.Reader.Command.Readers.ChangeCategory;

/// <summary>
/// Publishes <c>reader.updated</c> (changed field <c>category</c>), the event every other edit of the reader
/// publishes, so the Lending service's replica and the query side need no new subscription and keep only
/// the newest version as before. The same category again changes nothing and publishes nothing.
/// </summary>
internal sealed class ChangeReaderCategoryHandler(
    ReaderDbContext db,
    CommandUnitOfWork<ReaderDbContext> unitOfWork,
    TimeProvider clock) : ICommandHandler<ChangeReaderCategoryCommand, Result<ReaderChanged>>
{
    public async ValueTask<Result<ReaderChanged>> Handle(ChangeReaderCategoryCommand command, CancellationToken cancellationToken) =>
        await unitOfWork.ExecuteAsync<Result<ReaderChanged>>(async (outbox, ct) =>
        {
            var loaded = await db.LoadForChangeAsync(command.ReaderId, command.ExpectedVersion, ct);
            if (!loaded.IsSuccess)
            {
                return loaded.Error;
            }

            var reader = loaded.Value;
            var now = clock.GetUtcNow();
            var changed = reader.ChangeCategory(command.Category!, now);
            if (!changed.IsSuccess)
            {
                return changed.Error;
            }

            if (changed.Value)
            {
                outbox.Add(ReaderTopics.Updated, new ReaderUpdated(
                    Guid.CreateVersion7(now), now, command.Actor, reader.Id, reader.Version, ReaderEventFactory.Snapshot(reader), ["category"]));
            }

            return reader.ToChanged();
        }, cancellationToken);
}
