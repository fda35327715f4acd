using DotNetCore.CAP;
using Library.BuildingBlocks.ReadStore;
using Library.Lending.Contracts;
using Library.Lending.Query.ReadModel;

namespace Library.Lending.Query.Projections;

/// <summary>
/// Hold events: each carries the whole hold, and the copy it trapped or released where there is one, so each
/// is "apply the snapshots", the newest hold version and the newest copy version winning on their own. A copy
/// passed from an expired hold to the next one comes in both events at the same copy version (the copy as the
/// change left it), and in the <c>loan.returned</c> of a check-in that trapped it: any order, any duplicate,
/// ends at the same documents.
/// </summary>
internal sealed class HoldProjection(IReadStore<HoldDocument> holds, IReadStore<CopyDocument> copies) : ICapSubscribe
{
    [CapSubscribe(LendingTopics.HoldPlaced, Group = LoanProjection.Group)]
    public Task On(HoldPlaced message, CancellationToken cancellationToken) =>
        ApplyAsync(message.HoldId, message.Version, message.Hold, copy: null, cancellationToken);

    [CapSubscribe(LendingTopics.HoldReady, Group = LoanProjection.Group)]
    public Task On(HoldReady message, CancellationToken cancellationToken) =>
        ApplyAsync(message.HoldId, message.Version, message.Hold, message.Copy, cancellationToken);

    [CapSubscribe(LendingTopics.HoldCancelled, Group = LoanProjection.Group)]
    public Task On(HoldCancelled message, CancellationToken cancellationToken) =>
        ApplyAsync(message.HoldId, message.Version, message.Hold, message.Copy, cancellationToken);

    [CapSubscribe(LendingTopics.HoldExpired, Group = LoanProjection.Group)]
    public Task On(HoldExpired message, CancellationToken cancellationToken) =>
        ApplyAsync(message.HoldId, message.Version, message.Hold, message.Copy, cancellationToken);

    [CapSubscribe(LendingTopics.HoldFulfilled, Group = LoanProjection.Group)]
    public Task On(HoldFulfilled message, CancellationToken cancellationToken) =>
        ApplyAsync(message.HoldId, message.Version, message.Hold, message.ReleasedCopy, cancellationToken);

    internal static HoldDocument ToDocument(Guid holdId, long version, HoldSnapshot hold) => new()
    {
        Id = holdId.ToString(),
        Version = version,
        QueueNumber = hold.QueueNumber,
        ReaderId = hold.ReaderId.ToString(),
        ReaderNumber = hold.ReaderNumber,
        Isbn = hold.Isbn,
        Title = hold.Title,
        Status = hold.Status,
        PlacedAt = hold.PlacedAt.UtcDateTime,
        PlacedBy = ActorDocument.From(hold.PlacedBy),
        CopyId = hold.CopyId?.ToString(),
        Barcode = hold.Barcode,
        ReadyAt = hold.ReadyAt?.UtcDateTime,
        PickupBy = hold.PickupBy?.UtcDateTime,
        ClosedAt = hold.ClosedAt?.UtcDateTime,
        ClosedBy = ActorDocument.From(hold.ClosedBy),
        LoanId = hold.LoanId?.ToString(),
    };

    private async Task ApplyAsync(Guid holdId, long version, HoldSnapshot hold, CopySnapshot? copy, CancellationToken ct)
    {
        await holds.UpsertIfNewerAsync(ToDocument(holdId, version, hold), ct);
        if (copy is not null)
        {
            await copies.UpsertIfNewerAsync(CatalogueProjection.ToDocument(copy), ct);
        }
    }
}
