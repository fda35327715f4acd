using Library.BuildingBlocks.ReadStore;

namespace Library.Lending.Query.ReadModel;

/// <summary>
/// A document the statistics count into, by atomic updates only. <see cref="PendingFacts"/> holds an
/// entry <c>{factId}@{token}</c> per attempt at counting a fact that added its increment here and has not
/// been settled yet (see <c>LoanStatistics</c>); it stays small: an entry leaves as soon as the attempt
/// that added it, or any later attempt at the same fact, settles it. <see cref="Version"/> is not changed
/// by the statistics (it was the compare-and-set token of the protocol before, ADR 0025).
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

/// <summary>
/// Which of a loan's facts the statistics count, and which attempt's increments are the count; the loan
/// id is the document id, <see cref="Version"/> its compare-and-set token. A fact is claimed once and for
/// good: its flag set and the winning attempt's token recorded. A ledger of the protocol before (ADR 0014)
/// has the flag without a token, which counts as won by the token <c>""</c>.
/// </summary>
internal sealed class LoanStatsLedgerDocument : IReadDocument
{
    public string Id { get; set; } = "";

    public long Version { get; set; }

    public bool CheckoutCounted { get; set; }

    public bool ReturnCounted { get; set; }

    /// <summary>The token of the attempt whose increments count the checkout; null while unclaimed (or in a ledger of the protocol before).</summary>
    public string? CheckoutWinner { get; set; }

    /// <summary>The token of the attempt whose increments count the return; null while unclaimed (or in a ledger of the protocol before).</summary>
    public string? ReturnWinner { get; set; }
}
