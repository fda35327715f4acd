using Library.BuildingBlocks.ReadStore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Library.Lending.Query.ReadModel;

internal static class LendingReadStore
{
    /// <summary>The Lending query service's own document database.</summary>
    public const string Database = "lending_query";

    /// <summary>One index per query path: every filter and sort of the endpoints is served by one.</summary>
    public static IServiceCollection AddLendingReadStore(this IServiceCollection services, IConfiguration configuration) =>
        services
            .AddReadCollection<LoanDocument>(
                configuration,
                Database,
                "loans",
                new ReadIndex(nameof(LoanDocument.LoanNumber), Unique: true),
                new ReadIndex(nameof(LoanDocument.ReaderId)),
                new ReadIndex(nameof(LoanDocument.Isbn)),
                new ReadIndex(nameof(LoanDocument.Status)),
                new ReadIndex(nameof(LoanDocument.CheckedOutAt)),
                new ReadIndex(nameof(LoanDocument.OpenDueDate)))
            .AddReadCollection<BookDocument>(
                configuration,
                Database,
                "books",
                new ReadIndex(nameof(BookDocument.TitleSearch)),
                new ReadIndex(nameof(BookDocument.AuthorsSearch)),
                new ReadIndex(nameof(BookDocument.GenreSearch)))
            .AddReadCollection<CopyDocument>(
                configuration,
                Database,
                "copies",
                new ReadIndex(nameof(CopyDocument.Isbn)),
                new ReadIndex(nameof(CopyDocument.Barcode), Unique: true))
            .AddReadCollection<LoanReaderDocument>(configuration, Database, "readers")
            .AddReadCollection<LoanStatsMonthDocument>(configuration, Database, "loan_stats_months")
            .AddReadCollection<BookLoanCountDocument>(
                configuration,
                Database,
                "loan_stats_books",
                new ReadIndex(nameof(LoanCountDocument.Month)),
                new ReadIndex(nameof(LoanCountDocument.Loans)))
            .AddReadCollection<ReaderLoanCountDocument>(
                configuration,
                Database,
                "loan_stats_readers",
                new ReadIndex(nameof(LoanCountDocument.Month)),
                new ReadIndex(nameof(LoanCountDocument.Loans)))
            .AddReadCollection<LoanStatsLedgerDocument>(configuration, Database, "loan_stats_ledger")
            .AddReadCollection<ReadModelUpgradeDocument>(configuration, Database, "read_model_upgrades");
}
