using Library.BuildingBlocks.Contracts;

namespace Library.Lending.Contracts;

/// <summary>
/// <c>lending.erasure_checked</c>: the Lending service's answer to <c>reader.erasure_requested</c>,
/// decided from its own loans under the reader's lock. <paramref name="Cleared"/>: nothing is open or
/// owed and the reader can no longer borrow, so the Reader service may erase; otherwise
/// <paramref name="RefusalCode"/> is <c>reader.has_open_loans</c> or <c>reader.owes_fines</c>. A
/// redelivered request is answered the same way again.
/// </summary>
public sealed record ErasureChecked(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    Guid ReaderId,
    Guid RequestId,
    bool Cleared,
    string? RefusalCode,
    int OpenLoans,
    long FinesOwedCents);
