using Library.BuildingBlocks.ReadStore;

namespace Library.Lending.Query.ReadModel;

/// <summary>
/// A loan as the query side shows it, at <see cref="Version"/> of the loan aggregate, with the
/// reader and book denormalised. <see cref="ReaderVersion"/> is the reader version the reader fields
/// were copied from: a rename or erasure re-stamps them without touching the loan's version.
/// Overdue days and the accrued fine are not stored: they depend on the clock and are computed per read.
/// </summary>
internal sealed class LoanDocument : IReadDocument
{
    public string Id { get; set; } = "";

    public long Version { get; set; }

    public string LoanNumber { get; set; } = "";

    public string ReaderId { get; set; } = "";

    public string ReaderNumber { get; set; } = "";

    public string ReaderName { get; set; } = "";

    public long ReaderVersion { get; set; }

    public string Isbn { get; set; } = "";

    public string Title { get; set; } = "";

    public string CopyId { get; set; } = "";

    public string Barcode { get; set; } = "";

    public DateTime CheckedOutAt { get; set; }

    public DateTime DueDate { get; set; }

    /// <summary>
    /// The due date while the loan is active, null once it is returned or lost. The active and overdue
    /// lists filter and sort on this one indexed field, so that a page is a range scan of that index
    /// rather than every active loan filtered and sorted in memory.
    /// </summary>
    public DateTime? OpenDueDate { get; set; }

    /// <summary>
    /// What the loan's fine still owes (0 without a fine), beside the fine itself: null marks a document projected
    /// before the field existed, for <see cref="OwingBackfill"/> to find.
    /// </summary>
    public long? FineBalanceCents { get; set; }

    /// <summary>
    /// When the fine that still owes something was assessed; null once it is settled, or without a fine. The fines
    /// to settle are one range of this sparse, indexed field, oldest first, like the overdue list's open due date.
    /// </summary>
    public DateTime? OwingSince { get; set; }

    public DateTime? ReturnedAt { get; set; }

    public DateTime? LostAt { get; set; }

    public string? ReturnComment { get; set; }

    /// <summary><c>active</c>, <c>returned</c> or <c>lost</c>; "overdue" is an active loan past its due date.</summary>
    public string Status { get; set; } = "";

    public int Renewals { get; set; }

    public LoanFine? Fine { get; set; }

    public long FinePerDayCents { get; set; }

    public long MaxFinePerLoanCents { get; set; }

    public string Currency { get; set; } = "EUR";

    public ActorDocument CheckedOutBy { get; set; } = new();

    public ActorDocument? ReturnedBy { get; set; }

    public ActorDocument? LostDeclaredBy { get; set; }

    public DateTime UpdatedAt { get; set; }
}

internal sealed class LoanFinePayment
{
    public long AmountCents { get; set; }

    public DateTime PaidAt { get; set; }

    public ActorDocument PaidBy { get; set; } = new();
}

/// <summary>The fine assessed on a loan, all amounts in cents of the loan's currency.</summary>
internal sealed class LoanFine
{
    public string FineId { get; set; } = "";

    public long LateFeeCents { get; set; }

    public long LostFeeCents { get; set; }

    public long AssessedCents { get; set; }

    public long PaidCents { get; set; }

    public long WaivedCents { get; set; }

    public long BalanceCents { get; set; }

    public DateTime AssessedAt { get; set; }

    public string? WaiverReason { get; set; }

    public DateTime? WaivedAt { get; set; }

    public ActorDocument? WaivedBy { get; set; }

    public List<LoanFinePayment> Payments { get; set; } = [];
}
