using Library.BuildingBlocks.Contracts;
using Library.Reader.Command.Domain;
using Library.Reader.Contracts;

namespace Library.Reader.Command.Readers;

/// <summary>Builds the integration events from the aggregate as it is after a change.</summary>
internal static class ReaderEventFactory
{
    public static ReaderSnapshot Snapshot(Domain.Reader reader) => new(
        reader.ReaderNumber,
        reader.Name,
        reader.Email,
        reader.PhoneNumber,
        reader.BirthDate,
        reader.GdprConsent,
        reader.MarketingConsent,
        reader.ThirdPartySharingConsent,
        [.. reader.Interests],
        StatusName(reader.Status),
        reader.SuspensionReason,
        reader.RegisteredAt,
        reader.Erasure == ErasureStatus.None
            ? null
            : new ReaderErasureSnapshot(
                reader.ErasureRequestId!.Value,
                ErasureStatusName(reader.Erasure),
                reader.ErasureRefusalCode,
                reader.ErasureRequestedAt!.Value,
                reader.ErasureRequestedBy ?? Actor.Anonymous),
        reader.SuspendedBy,
        reader.Category);

    public static string ErasureStatusName(ErasureStatus status) => status switch
    {
        ErasureStatus.Pending => ErasureStatuses.Pending,
        ErasureStatus.Completed => ErasureStatuses.Completed,
        ErasureStatus.Refused => ErasureStatuses.Refused,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string StatusName(ReaderStatus status) => status switch
    {
        ReaderStatus.Active => ReaderStatuses.Active,
        ReaderStatus.Suspended => ReaderStatuses.Suspended,
        ReaderStatus.Erased => ReaderStatuses.Erased,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
