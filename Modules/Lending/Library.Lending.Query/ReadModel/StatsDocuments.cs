using Library.BuildingBlocks.ReadStore;

namespace Library.Lending.Query.ReadModel;

/// <summary>
/// Loan statistics of one calendar month of checkouts (UTC), kept up to date incrementally.
/// <see cref="Version"/> is this document's own change counter, used as a compare-and-set token.
/// <see cref="PendingFacts"/> holds the facts counted here whose ledger entry is not yet written;
/// it is what makes counting exactly-once without transactions (see <c>LoanStatistics</c>).
/// </summary>
internal sealed class LoanStatsMonthDocument : IReadDocument
{
    /// <summary><c>yyyy-MM</c>.</summary>
    public string Id { get; set; } = "";

    public long Version { get; set; }

    public long Loans { get; set; }

    public long ReturnedLoans { get; set; }

    public long TotalLoanMinutes { get; set; }

    /// <summary>ISBN → loans of that book checked out in the month.</summary>
    public Dictionary<string, long> Books { get; set; } = [];

    /// <summary>Reader id → loans of that reader checked out in the month.</summary>
    public Dictionary<string, long> Readers { get; set; } = [];

    public List<string> PendingFacts { get; set; } = [];
}

/// <summary>Which of a loan's facts the statistics already count; the loan id is the document id.</summary>
internal sealed class LoanStatsLedgerDocument : IReadDocument
{
    public string Id { get; set; } = "";

    public long Version { get; set; }

    public bool CheckoutCounted { get; set; }

    public bool ReturnCounted { get; set; }
}
