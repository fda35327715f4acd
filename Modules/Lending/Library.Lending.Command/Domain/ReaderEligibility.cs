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
}

/// <summary>What a reader has out at the moment of a checkout, read from the loans table under the reader's lock.</summary>
internal sealed record ReaderStanding(int OpenLoans, int OverdueLoans, long FinesOwedCents);
