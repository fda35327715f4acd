using Library.BuildingBlocks.Contracts;

namespace Library.Reader.Contracts;

/// <summary>Reader status as published: <c>active</c>, <c>suspended</c> or <c>erased</c>.</summary>
public static class ReaderStatuses
{
    public const string Active = "active";
    public const string Suspended = "suspended";
    public const string Erased = "erased";
}

/// <summary>Erasure status as published: <c>pending</c>, <c>completed</c> or <c>refused</c>.</summary>
public static class ErasureStatuses
{
    public const string Pending = "pending";
    public const string Completed = "completed";
    public const string Refused = "refused";
}

/// <summary>
/// The reader's latest erasure request: <paramref name="RequestId"/> names it in the Lending service's
/// answer, <paramref name="Code"/> says why it was refused.
/// </summary>
public sealed record ReaderErasureSnapshot(Guid RequestId, string Status, string? Code, DateTimeOffset RequestedAt, Actor RequestedBy);

/// <summary>
/// The reader as it is after the change. Every reader event carries the whole snapshot, so a consumer
/// that keeps only the highest version it has seen is correct whatever order events arrive in.
/// After erasure the personal fields are null and the name is a placeholder. <paramref name="SuspendedBy"/>
/// is who put the suspension in force (null while active). <paramref name="Category"/> is the reader's category
/// code; it came last, with a default, so events stored before it deserialize as an adult reader's.
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
    DateTimeOffset RegisteredAt,
    ReaderErasureSnapshot? Erasure,
    Actor? SuspendedBy,
    string Category = "adult");

/// <summary><c>reader.registered</c>.</summary>
public sealed record ReaderRegistered(Guid EventId, DateTimeOffset OccurredAt, Actor Actor, Guid ReaderId, long Version, ReaderSnapshot Reader);

/// <summary><c>reader.updated</c>; <paramref name="ChangedFields"/> names the profile fields that changed (JSON names).</summary>
public sealed record ReaderUpdated(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    Guid ReaderId,
    long Version,
    ReaderSnapshot Reader,
    IReadOnlyList<string> ChangedFields);

/// <summary><c>reader.suspended</c>.</summary>
public sealed record ReaderSuspended(Guid EventId, DateTimeOffset OccurredAt, Actor Actor, Guid ReaderId, long Version, string Reason, ReaderSnapshot Reader);

/// <summary><c>reader.reactivated</c>.</summary>
public sealed record ReaderReactivated(Guid EventId, DateTimeOffset OccurredAt, Actor Actor, Guid ReaderId, long Version, ReaderSnapshot Reader);

/// <summary>
/// <c>reader.erasure_requested</c>: erasure is pending until the Lending service, the authority on loans
/// and fines, answers with <c>lending.erasure_checked</c> for <see cref="ReaderErasureSnapshot.RequestId"/>.
/// </summary>
public sealed record ReaderErasureRequested(Guid EventId, DateTimeOffset OccurredAt, Actor Actor, Guid ReaderId, long Version, ReaderSnapshot Reader);

/// <summary><c>reader.erasure_refused</c>: the Lending service found open loans or fines owed; nothing was erased.</summary>
public sealed record ReaderErasureRefused(Guid EventId, DateTimeOffset OccurredAt, Actor Actor, Guid ReaderId, long Version, string Code, ReaderSnapshot Reader);

/// <summary><c>reader.erased</c>: personal data is gone from the command side; consumers must drop theirs.</summary>
public sealed record ReaderErased(Guid EventId, DateTimeOffset OccurredAt, Actor Actor, Guid ReaderId, long Version, ReaderSnapshot Reader);
