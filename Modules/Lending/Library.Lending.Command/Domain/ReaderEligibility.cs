namespace Library.Lending.Command.Domain;

internal enum ReaderEligibilityStatus
{
    Active,
    Suspended,
    Erased,
}

/// <summary>
/// The Lending service's replica of what it needs to know about a reader: whether they may borrow,
/// and the number and name a loan shows. Fed by reader events, kept at the newest reader version.
/// </summary>
internal sealed class ReaderEligibility
{
    public Guid ReaderId { get; set; }

    public long Version { get; set; }

    public string ReaderNumber { get; set; } = "";

    public string Name { get; set; } = "";

    public ReaderEligibilityStatus Status { get; set; }

    /// <summary>The reader's category code from the reader events; <see cref="LoanTerms.Effective"/> turns it into terms.</summary>
    public string Category { get; set; } = ReaderCategory.DefaultCode;

    /// <summary>The newest erasure request this service has answered, and the reader version that asked it.</summary>
    public Guid? ErasureRequestId { get; private set; }

    public long? ErasureRequestVersion { get; private set; }

    /// <summary>Why that request was refused; null when it was cleared.</summary>
    public string? ErasureRefusalCode { get; private set; }

    /// <summary>
    /// Cleared for erasure: nothing was open or owed, and from then on the reader may not borrow, so
    /// nothing can be; the Reader service completes the erasure. The replica projection never resets it.
    /// </summary>
    public bool IsErasurePending => ErasureRequestId is not null && ErasureRefusalCode is null;

    /// <summary>
    /// Decides an erasure request from this service's own loans (<paramref name="standing"/>, read under
    /// the reader's lock, so no checkout can slip in): cleared when nothing is open or owed, refused
    /// otherwise. The same request again gets the answer it got the first time; a request older than
    /// one already answered (a late redelivery) gets none.
    /// </summary>
    public ErasureDecision? DecideErasure(Guid requestId, long requestVersion, ReaderStanding standing)
    {
        if (ErasureRequestVersion is { } answered && (requestVersion < answered || (requestVersion == answered && requestId != ErasureRequestId)))
        {
            return null;
        }

        if (requestId != ErasureRequestId)
        {
            ErasureRequestId = requestId;
            ErasureRequestVersion = requestVersion;
            ErasureRefusalCode = standing.OpenLoans > 0 ? LendingErrors.ErasureRefusedForOpenLoans
                : standing.FinesOwedCents > 0 ? LendingErrors.ErasureRefusedForFines
                : null;
        }

        return new ErasureDecision(requestId, ErasureRefusalCode, standing);
    }
}

/// <summary>The answer to one erasure request; <see cref="Cleared"/> when <see cref="RefusalCode"/> is null.</summary>
internal sealed record ErasureDecision(Guid RequestId, string? RefusalCode, ReaderStanding Standing)
{
    public bool Cleared => RefusalCode is null;
}

/// <summary>What a reader has out at the moment of a checkout, read from the loans table under the reader's lock.</summary>
internal sealed record ReaderStanding(int OpenLoans, int OverdueLoans, long FinesOwedCents);
