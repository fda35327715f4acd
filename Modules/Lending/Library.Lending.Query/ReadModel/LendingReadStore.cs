using Library.BuildingBlocks.ReadStore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Library.Lending.Query.ReadModel;

internal static class LendingReadStore
{
    /// <summary>The Lending query service's own document database.</summary>
    public const string Database = "lending_query";

    /// <summary>
    /// One index per query path: every filter of the endpoints is served by one, and every sort (which
    /// breaks ties by id) by a compound index of the equality fields, the sort field and the id, so that
    /// MongoDB reads a page in index order instead of sorting every match in memory. The tests run with
    /// <c>ReadStore:RequireIndexedSorts</c>, which refuses a sort no index here serves.
    /// </summary>
    public static IServiceCollection AddLendingReadStore(this IServiceCollection services, IConfiguration configuration) =>
        services
            .AddReadCollection<LoanDocument>(
                configuration,
                Database,
                "loans",
                new ReadIndex(nameof(LoanDocument.LoanNumber), unique: true),

                // The overdue worklist: earliest due date first.
                ReadIndex.Sorted(ReadSort.Ascending(nameof(LoanDocument.OpenDueDate))),

                // The fines to settle: the oldest assessment first.
                ReadIndex.Sorted(ReadSort.Ascending(nameof(LoanDocument.OwingSince))),

                // The loan search, newest checkout first: all loans, and a reader's, a book's or a status's.
                ReadIndex.Sorted(ReadSort.DescendingBy(nameof(LoanDocument.CheckedOutAt))),
                ReadIndex.Sorted(ReadSort.DescendingBy(nameof(LoanDocument.CheckedOutAt)), nameof(LoanDocument.ReaderId)),
                ReadIndex.Sorted(ReadSort.DescendingBy(nameof(LoanDocument.CheckedOutAt)), nameof(LoanDocument.Isbn)),
                ReadIndex.Sorted(ReadSort.DescendingBy(nameof(LoanDocument.CheckedOutAt)), nameof(LoanDocument.Status)))
            .AddReadCollection<BookDocument>(
                configuration,
                Database,
                "books",
                ReadIndex.Sorted(ReadSort.Ascending(nameof(BookDocument.TitleSearch))),
                new ReadIndex(nameof(BookDocument.AuthorsSearch)),
                ReadIndex.Sorted(ReadSort.Ascending(nameof(BookDocument.TitleSearch)), nameof(BookDocument.GenreSearch)))
            .AddReadCollection<CopyDocument>(
                configuration,
                Database,
                "copies",

                // A book's copies listed by barcode, and counted by status (from the index alone).
                ReadIndex.Sorted(ReadSort.Ascending(nameof(CopyDocument.Barcode)), nameof(CopyDocument.Isbn)),
                ReadIndex.Compound(nameof(CopyDocument.Isbn), nameof(CopyDocument.Status)),
                new ReadIndex(nameof(CopyDocument.Barcode), unique: true))
            .AddReadCollection<HoldDocument>(
                configuration,
                Database,
                "holds",

                // In queue order: all holds, a reader's, a title's (its queue, and each position counted from
                // the same index), and by status (the hold shelf).
                ReadIndex.Sorted(ReadSort.Ascending(nameof(HoldDocument.QueueNumber))),
                ReadIndex.Sorted(ReadSort.Ascending(nameof(HoldDocument.QueueNumber)), nameof(HoldDocument.ReaderId)),
                ReadIndex.Sorted(ReadSort.Ascending(nameof(HoldDocument.QueueNumber)), nameof(HoldDocument.Isbn)),
                ReadIndex.Sorted(ReadSort.Ascending(nameof(HoldDocument.QueueNumber)), nameof(HoldDocument.Isbn), nameof(HoldDocument.Status)),
                ReadIndex.Sorted(ReadSort.Ascending(nameof(HoldDocument.QueueNumber)), nameof(HoldDocument.Status)))
            .AddReadCollection<LoanReaderDocument>(configuration, Database, "readers")
            .AddReadCollection<LoanStatsMonthDocument>(configuration, Database, "loan_stats_months")
            .AddReadCollection<BookLoanCountDocument>(configuration, Database, "loan_stats_books", TopListIndex)
            .AddReadCollection<ReaderLoanCountDocument>(configuration, Database, "loan_stats_readers", TopListIndex)
            .AddReadCollection<LoanStatsLedgerDocument>(configuration, Database, "loan_stats_ledger")
            .AddReadCollection<ReadModelUpgradeDocument>(configuration, Database, "read_model_upgrades")
            .AddReadCollection<CalendarDocument>(configuration, Database, "calendar");

    /// <summary>The all-time top lists (most loans first, of month <c>all</c>); its month prefix also serves the month ranges.</summary>
    private static ReadIndex TopListIndex =>
        ReadIndex.Sorted(ReadSort.DescendingBy(nameof(LoanCountDocument.Loans)), nameof(LoanCountDocument.Month));
}
