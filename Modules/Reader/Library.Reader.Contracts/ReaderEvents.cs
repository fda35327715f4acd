namespace Library.Reader.Contracts;

/// <summary>Reader status as published: <c>active</c>, <c>suspended</c> or <c>erased</c>.</summary>
public static class ReaderStatuses
{
    public const string Active = "active";
    public const string Suspended = "suspended";
    public const string Erased = "erased";
}

/// <summary>
/// The reader as it is after the change. Every reader event carries the whole snapshot, so a consumer
/// that keeps only the highest version it has seen is correct whatever order events arrive in.
/// After erasure the personal fields are null and the name is a placeholder.
/// </summary>
public sealed record ReaderSnapshot(
    string ReaderNumber,
    string Name,
    string? Email,
    string? PhoneNumber,
    DateOnly? BirthDate,
    bool GdprConsent,
    bool MarketingConsent,
    bool ThirdPartySharingConsent,
    IReadOnlyList<string> Interests,
    string Status,
    string? SuspensionReason,
    DateTimeOffset RegisteredAt);

/// <summary><c>reader.registered</c>.</summary>
public sealed record ReaderRegistered(Guid EventId, DateTimeOffset OccurredAt, Guid ReaderId, long Version, ReaderSnapshot Reader);

/// <summary><c>reader.updated</c>; <paramref name="ChangedFields"/> names the profile fields that changed (JSON names).</summary>
public sealed record ReaderUpdated(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ReaderId,
    long Version,
    ReaderSnapshot Reader,
    IReadOnlyList<string> ChangedFields);

/// <summary><c>reader.suspended</c>.</summary>
public sealed record ReaderSuspended(Guid EventId, DateTimeOffset OccurredAt, Guid ReaderId, long Version, string Reason, ReaderSnapshot Reader);

/// <summary><c>reader.reactivated</c>.</summary>
public sealed record ReaderReactivated(Guid EventId, DateTimeOffset OccurredAt, Guid ReaderId, long Version, ReaderSnapshot Reader);

/// <summary><c>reader.erased</c>: personal data is gone from the command side; consumers must drop theirs.</summary>
public sealed record ReaderErased(Guid EventId, DateTimeOffset OccurredAt, Guid ReaderId, long Version, ReaderSnapshot Reader);
