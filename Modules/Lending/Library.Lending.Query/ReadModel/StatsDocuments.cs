using Library.BuildingBlocks.ReadStore;

namespace Library.Lending.Query.ReadModel;

/// <summary>
/// A document the statistics count into. <see cref="Version"/> is the document's own change counter,
/// used as a compare-and-set token. <see cref="PendingFacts"/> holds the facts counted here whose
/// ledger entry is not yet written; it is what makes counting exactly-once without transactions
/// (see <c>LoanStatistics</c>). It stays small: a fact leaves it as soon as its ledger entry is written.
/// </summary>
internal abstract class StatsCounterDocument : IReadDocument
{
    public string Id { get; set; } = "";

    public long Version { get; set; }

    public List<string> PendingFacts { get; set; } = [];
}

/// <summary>Loan totals of one calendar month of checkouts (UTC); the id is <c>yyyy-MM</c>.</summary>
internal sealed class LoanStatsMonthDocument : StatsCounterDocument
{
    public long Loans { get; set; }

    public long ReturnedLoans { get; set; }

    public long TotalLoanMinutes { get; set; }
}

/// <summary>
/// Loans of one book or one reader in one month (<see cref="Month"/> <c>yyyy-MM</c>) or of all time
/// (<see cref="Month"/> <c>all</c>). One small document per key and month keeps every write cheap,
/// whatever the size of the library; the all-time documents answer the unbounded top 5 through the
/// <see cref="Loans"/> index.
/// </summary>
internal abstract class LoanCountDocument : StatsCounterDocument
{
    public const string AllTime = "all";

    public string Month { get; set; } = "";

    /// <summary>The ISBN or the reader id.</summary>
    public string Key { get; set; } = "";

    public long Loans { get; set; }

    public static string IdOf(string month, string key) => month + "|" + key;
}

internal sealed class BookLoanCountDocument : LoanCountDocument;

internal sealed class ReaderLoanCountDocument : LoanCountDocument;

/// <summary>Which of a loan's facts the statistics already count; the loan id is the document id.</summary>
internal sealed class LoanStatsLedgerDocument : IReadDocument
{
    public string Id { get; set; } = "";

    public long Version { get; set; }

    public bool CheckoutCounted { get; set; }

    public bool ReturnCounted { get; set; }
}
