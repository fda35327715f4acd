using DotNetCore.CAP;
using Library.BuildingBlocks.ReadStore;
using Library.Lending.Contracts;
using Library.Reader.Query.ReadModel;

namespace Library.Reader.Query.Projections;

/// <summary>
/// Keeps one fact per hold for the reader's <c>holdsWaiting</c> and <c>holdsReady</c>; every hold event
/// carries the whole hold, so the newest hold version wins whatever the order or duplication.
/// </summary>
internal sealed class ReaderHoldsProjection(IReadStore<ReaderLoanDocument> facts) : ICapSubscribe
{
    [CapSubscribe(LendingTopics.HoldPlaced, Group = ReaderProjection.Group)]
    public Task On(HoldPlaced message, CancellationToken cancellationToken) => Apply(message.HoldId, message.Version, message.Hold, cancellationToken);

    [CapSubscribe(LendingTopics.HoldReady, Group = ReaderProjection.Group)]
    public Task On(HoldReady message, CancellationToken cancellationToken) => Apply(message.HoldId, message.Version, message.Hold, cancellationToken);

    [CapSubscribe(LendingTopics.HoldCancelled, Group = ReaderProjection.Group)]
    public Task On(HoldCancelled message, CancellationToken cancellationToken) => Apply(message.HoldId, message.Version, message.Hold, cancellationToken);

    [CapSubscribe(LendingTopics.HoldExpired, Group = ReaderProjection.Group)]
    public Task On(HoldExpired message, CancellationToken cancellationToken) => Apply(message.HoldId, message.Version, message.Hold, cancellationToken);

    [CapSubscribe(LendingTopics.HoldFulfilled, Group = ReaderProjection.Group)]
    public Task On(HoldFulfilled message, CancellationToken cancellationToken) => Apply(message.HoldId, message.Version, message.Hold, cancellationToken);

    internal static ReaderLoanDocument ToDocument(Guid holdId, long version, HoldSnapshot hold) => new()
    {
        Id = holdId.ToString(),
        Version = version,
        ReaderId = hold.ReaderId.ToString(),
        HoldStatus = hold.Status,
    };

    private Task<bool> Apply(Guid holdId, long version, HoldSnapshot hold, CancellationToken cancellationToken) =>
        facts.UpsertIfNewerAsync(ToDocument(holdId, version, hold), cancellationToken);
}
