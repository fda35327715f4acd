using DotNetCore.CAP;
using Library.BuildingBlocks.Persistence;
using Library.BuildingBlocks.Results;
using Library.Lending.Command.Infrastructure;
using Library.Lending.Command.Replicas;
using Library.Lending.Contracts;
using Library.Reader.Contracts;

namespace Library.Lending.Command.Erasure;

/// <summary>
/// Step two of the erasure protocol (docs/adr/0002-erasure-protocol.md): the Lending service, the
/// authority on loans and fines, answers an erasure request from its own tables. It takes the reader's
/// row lock, which every checkout of that reader takes first, so either a racing checkout committed
/// before (its loan is counted and the request refused) or it runs after and finds the reader held
/// for erasure (409 reader.erasure_pending). Decision and answer commit together; a redelivered
/// request is answered as the first time.
/// </summary>
internal sealed class CheckErasureSubscriber(
    LendingDbContext db,
    CommandUnitOfWork<LendingDbContext> unitOfWork,
    TimeProvider clock) : ICapSubscribe
{
    [CapSubscribe(ReaderTopics.ErasureRequested, Group = LendingCommandModule.Name)]
    public async Task On(ReaderErasureRequested message, CancellationToken cancellationToken)
    {
        var request = message.Reader.Erasure
            ?? throw new InvalidOperationException($"reader.erasure_requested {message.EventId} carries no erasure request.");
        var outcome = await unitOfWork.ExecuteAsync<Result<bool>>(async (outbox, ct) =>
        {
            // The request is also a reader snapshot: the replica row exists (and is current) before it is locked.
            await ReaderEligibilityProjection.UpsertAsync(db, message.ReaderId, message.Version, message.Reader, ct);
            var reader = (await db.LockReaderAsync(message.ReaderId, ct))!;
            var now = clock.GetUtcNow();
            var standing = await db.StandingAsync(reader.ReaderId, now, ct);
            if (reader.DecideErasure(request.RequestId, message.Version, standing) is not { } decision)
            {
                return false;
            }

            // Answered on behalf of whoever asked for the erasure: the check is a step of their request.
            outbox.Add(LendingTopics.ErasureChecked, new ErasureChecked(
                Guid.CreateVersion7(now),
                now,
                message.Actor,
                reader.ReaderId,
                decision.RequestId,
                decision.Cleared,
                decision.RefusalCode,
                decision.Standing.OpenLoans,
                decision.Standing.FinesOwedCents));
            return true;
        }, cancellationToken);

        if (!outcome.IsSuccess)
        {
            throw new InvalidOperationException($"Checking the erasure request failed: {outcome.Error.Code}.");
        }
    }
}
