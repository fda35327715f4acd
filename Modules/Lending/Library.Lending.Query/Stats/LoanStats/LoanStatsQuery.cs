using Library.BuildingBlocks.Results;
using Mediator;

namespace Library.Lending.Query.Stats.LoanStats;

/// <summary>Statistics are kept per calendar month of checkout (UTC): from and to select whole months, both inclusive.</summary>
internal sealed record LoanStatsQuery(DateOnly? From, DateOnly? To) : IQuery<Result<LoanStatsResponse>>;

internal sealed record TopBook(string Isbn, string Title, long Loans);

internal sealed record TopReader(string ReaderId, string ReaderNumber, string Name, long Loans);

internal sealed record MonthLoans(string Month, long Loans);

/// <summary>
/// <paramref name="AverageLoanDurationDays"/> is over returned loans, to one decimal; null when none was returned.
/// </summary>
internal sealed record LoanStatsResponse(
    string? FromMonth,
    string? ToMonth,
    long TotalLoans,
    long ReturnedLoans,
    double? AverageLoanDurationDays,
    IReadOnlyList<TopBook> TopBooks,
    IReadOnlyList<TopReader> TopReaders,
    IReadOnlyList<MonthLoans> LoansPerMonth);
