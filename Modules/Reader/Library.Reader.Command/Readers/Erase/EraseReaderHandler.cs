using Library.BuildingBlocks.Persistence;
using Library.BuildingBlocks.Results;
using Library.Reader.Command.Domain;
using Library.Reader.Command.Infrastructure;
using Library.Reader.Contracts;
using Mediator;

namespace Library.Reader.Command.Readers.Erase;

/// <summary>
/// Step one of the erasure protocol (docs/adr/0002-erasure-protocol.md): record the request and ask the
/// Lending service, in one transaction, so the request exists exactly when its question is in the outbox.
/// </summary>
internal sealed class EraseReaderHandler(
    ReaderDbContext db,
    CommandUnitOfWork<ReaderDbContext> unitOfWork,
    LendingStandingReader lendingStanding,
    TimeProvider clock) : ICommandHandler<EraseReaderCommand, Result<ErasureResponse>>
{
    public async ValueTask<Result<ErasureResponse>> Handle(EraseReaderCommand command, CancellationToken cancellationToken) =>
        await unitOfWork.ExecuteAsync<Result<ErasureResponse>>(async (outbox, ct) =>
        {
            var loaded = await db.LoadForChangeAsync(command.ReaderId, command.ExpectedVersion, ct);
            if (!loaded.IsSuccess)
            {
                return loaded.Error;
            }

            var reader = loaded.Value;
            var replica = await lendingStanding.ForReaderAsync(reader.Id, ct);
            var now = clock.GetUtcNow();
            var requested = reader.RequestErasure(replica, Guid.CreateVersion7(now), command.Actor, now);
            if (!requested.IsSuccess)
            {
                return requested.Error;
            }

            if (requested.Value)
            {
                outbox.Add(ReaderTopics.ErasureRequested, new ReaderErasureRequested(
                    Guid.CreateVersion7(now), now, command.Actor, reader.Id, reader.Version, ReaderEventFactory.Snapshot(reader)));
            }

            return ErasureResponse.From(reader);
        }, cancellationToken);
}

/// <summary>
/// What <c>DELETE /api/readers/{id}</c> answers: the reader's status and where their erasure stands
/// (<c>completed</c> with 200, <c>pending</c> with 202 and a <c>Location</c> to follow, where the
/// same <see cref="RequestId"/> shows how it ended).
/// </summary>
internal sealed record ErasureResponse(Guid ReaderId, string ReaderNumber, string Status, string Erasure, Guid? RequestId, long Version)
{
    [System.Text.Json.Serialization.JsonIgnore] // how the endpoint picks 200 or 202, not part of the answer
    public bool IsCompleted => Erasure == ErasureStatuses.Completed;

    public static ErasureResponse From(Domain.Reader reader) => new(
        reader.Id,
        reader.ReaderNumber,
        ReaderEventFactory.StatusName(reader.Status),
        reader.Status == ReaderStatus.Erased ? ErasureStatuses.Completed : ErasureStatuses.Pending,
        reader.ErasureRequestId,
        reader.Version);
}
