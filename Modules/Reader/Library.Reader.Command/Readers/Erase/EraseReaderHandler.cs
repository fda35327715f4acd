using Library.BuildingBlocks.Persistence;
using Library.BuildingBlocks.Results;
using Library.Reader.Command.Infrastructure;
using Library.Reader.Contracts;
using Mediator;

namespace Library.Reader.Command.Readers.Erase;

internal sealed class EraseReaderHandler(
    ReaderDbContext db,
    CommandUnitOfWork<ReaderDbContext> unitOfWork,
    LendingStandingReader lendingStanding,
    TimeProvider clock) : ICommandHandler<EraseReaderCommand, Result<ReaderChanged>>
{
    public async ValueTask<Result<ReaderChanged>> Handle(EraseReaderCommand command, CancellationToken cancellationToken) =>
        await unitOfWork.ExecuteAsync(async (outbox, ct) =>
        {
            var loaded = await db.LoadForChangeAsync(command.ReaderId, command.ExpectedVersion, ct);
            if (!loaded.IsSuccess)
            {
                return Result<ReaderChanged>.Failure(loaded.Error);
            }

            var reader = loaded.Value;
            var standing = await lendingStanding.ForReaderAsync(reader.Id, ct);
            var now = clock.GetUtcNow();
            var erased = reader.Erase(standing, now);
            if (!erased.IsSuccess)
            {
                return Result<ReaderChanged>.Failure(erased.Error);
            }

            if (erased.Value)
            {
                outbox.Add(ReaderTopics.Erased, new ReaderErased(
                    Guid.CreateVersion7(now), now, reader.Id, reader.Version, ReaderEventFactory.Snapshot(reader)));
            }

            return reader.ToChanged();
        }, cancellationToken);
}
