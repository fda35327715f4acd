using DotNetCore.CAP;
using Library.BuildingBlocks.Persistence;
using Library.BuildingBlocks.Privacy;
using Library.BuildingBlocks.Results;
using Library.Lending.Contracts;
using Library.Reader.Command.Infrastructure;
using Library.Reader.Contracts;

namespace Library.Reader.Command.Readers.Erase;

/// <summary>
/// Step three of the erasure protocol: the Lending service's answer completes or refuses the pending
/// request it names, under the reader's lock and in one transaction with the event that says so. An
/// answer to another request, or a redelivered one, finds nothing pending for it and changes nothing.
/// </summary>
internal sealed class ErasureCheckedSubscriber(
    ReaderDbContext db,
    CommandUnitOfWork<ReaderDbContext> unitOfWork,
    IPersonalDataPurge purge,
    TimeProvider clock) : ICapSubscribe
{
    [CapSubscribe(LendingTopics.ErasureChecked, Group = ReaderCommandModule.Name)]
    public async Task On(ErasureChecked answer, CancellationToken cancellationToken)
    {
        var erased = false;
        var outcome = await unitOfWork.ExecuteAsync<Result<bool>>(async (outbox, ct) =>
        {
            var loaded = await db.LoadForChangeAsync(answer.ReaderId, expectedVersion: null, ct);
            if (!loaded.IsSuccess)
            {
                // No such reader here: an answer can only follow a request, so there is nothing to do.
                return false;
            }

            var reader = loaded.Value;
            var now = clock.GetUtcNow();
            if (answer.Cleared && reader.CompleteErasure(answer.RequestId, now))
            {
                outbox.Add(ReaderTopics.Erased, new ReaderErased(
                    Guid.CreateVersion7(now), now, answer.Actor, reader.Id, reader.Version, ReaderEventFactory.Snapshot(reader)));
            }
            else if (!answer.Cleared && reader.RefuseErasure(answer.RequestId, answer.RefusalCode ?? "reader.erasure_refused", now))
            {
                outbox.Add(ReaderTopics.ErasureRefused, new ReaderErasureRefused(
                    Guid.CreateVersion7(now), now, answer.Actor, reader.Id, reader.Version, reader.ErasureRefusalCode!, ReaderEventFactory.Snapshot(reader)));
            }

            erased = reader.Status == Domain.ReaderStatus.Erased;
            return true;
        }, cancellationToken);

        if (!outcome.IsSuccess)
        {
            // A failure here is transient (a version race is impossible under the lock): let CAP retry it.
            throw new InvalidOperationException($"Applying the erasure answer failed: {outcome.Error.Code}.");
        }

        if (erased)
        {
            // Also on a redelivered answer: a crash between the commit and the purge must not leave the old messages.
            await purge.PurgeMessagesAboutAsync(answer.ReaderId, cancellationToken);
        }
    }
}
