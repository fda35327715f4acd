using System.Globalization;
using DotNetCore.CAP;
using Library.BuildingBlocks.Privacy;
using Library.BuildingBlocks.ReadStore;
using Library.Reader.Contracts;
using Library.Reader.Query.ReadModel;

namespace Library.Reader.Query.Projections;

/// <summary>
/// Keeps <see cref="ReaderDocument"/> in step with the reader aggregate. Each event carries the full
/// snapshot, so applying "the newest version wins" makes redelivery and reordering harmless.
/// </summary>
internal sealed class ReaderProjection(IReadStore<ReaderDocument> readers, IPersonalDataPurge purge) : ICapSubscribe
{
    public const string Group = ReaderQueryModule.Name;

    [CapSubscribe(ReaderTopics.Registered, Group = Group)]
    public Task On(ReaderRegistered message, CancellationToken cancellationToken) =>
        Apply(message.ReaderId, message.Version, message.OccurredAt, message.Reader, cancellationToken);

    [CapSubscribe(ReaderTopics.Updated, Group = Group)]
    public Task On(ReaderUpdated message, CancellationToken cancellationToken) =>
        Apply(message.ReaderId, message.Version, message.OccurredAt, message.Reader, cancellationToken);

    [CapSubscribe(ReaderTopics.Suspended, Group = Group)]
    public Task On(ReaderSuspended message, CancellationToken cancellationToken) =>
        Apply(message.ReaderId, message.Version, message.OccurredAt, message.Reader, cancellationToken);

    [CapSubscribe(ReaderTopics.Reactivated, Group = Group)]
    public Task On(ReaderReactivated message, CancellationToken cancellationToken) =>
        Apply(message.ReaderId, message.Version, message.OccurredAt, message.Reader, cancellationToken);

    [CapSubscribe(ReaderTopics.ErasureRequested, Group = Group)]
    public Task On(ReaderErasureRequested message, CancellationToken cancellationToken) =>
        Apply(message.ReaderId, message.Version, message.OccurredAt, message.Reader, cancellationToken);

    [CapSubscribe(ReaderTopics.ErasureRefused, Group = Group)]
    public Task On(ReaderErasureRefused message, CancellationToken cancellationToken) =>
        Apply(message.ReaderId, message.Version, message.OccurredAt, message.Reader, cancellationToken);

    [CapSubscribe(ReaderTopics.Erased, Group = Group)]
    public async Task On(ReaderErased message, CancellationToken cancellationToken)
    {
        await Apply(message.ReaderId, message.Version, message.OccurredAt, message.Reader, cancellationToken);
        await purge.PurgeMessagesAboutAsync(message.ReaderId, cancellationToken);
    }

    private Task<bool> Apply(Guid readerId, long version, DateTimeOffset occurredAt, ReaderSnapshot reader, CancellationToken cancellationToken) =>
        readers.UpsertIfNewerAsync(ToDocument(readerId, version, occurredAt, reader), cancellationToken);

    internal static ReaderDocument ToDocument(Guid readerId, long version, DateTimeOffset occurredAt, ReaderSnapshot reader) => new()
    {
        Id = readerId.ToString(),
        Version = version,
        ReaderNumber = reader.ReaderNumber,
        Name = reader.Name,
        NameSearch = reader.Name.ToLowerInvariant(),
        Email = reader.Email,
        EmailSearch = reader.Email?.ToLowerInvariant(),
        PhoneNumber = reader.PhoneNumber,
        BirthDate = reader.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        GdprConsent = reader.GdprConsent,
        MarketingConsent = reader.MarketingConsent,
        ThirdPartySharingConsent = reader.ThirdPartySharingConsent,
        Interests = [.. reader.Interests],
        Status = reader.Status,
        Category = reader.Category,
        SuspensionReason = reader.SuspensionReason,
        SuspendedBy = ActorDocument.From(reader.SuspendedBy),
        RegisteredAt = reader.RegisteredAt.UtcDateTime,
        UpdatedAt = occurredAt.UtcDateTime,
        ErasureStatus = reader.Erasure?.Status,
        ErasureRequestId = reader.Erasure?.RequestId.ToString(),
        ErasureCode = reader.Erasure?.Code,
        ErasureRequestedAt = reader.Erasure?.RequestedAt.UtcDateTime,
        ErasureRequestedBy = ActorDocument.From(reader.Erasure?.RequestedBy),
    };
}
