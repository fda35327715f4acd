using Library.BuildingBlocks.ReadStore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Library.Reader.Query.ReadModel;

internal static class ReaderReadStore
{
    /// <summary>The Reader query service's own document database.</summary>
    public const string Database = "reader_query";

    /// <summary>
    /// The reader search sorts by registration (ties by id): by itself, and after an e-mail lookup. A
    /// name search is a substring match, which no index narrows, so it walks the registration index.
    /// </summary>
    public static IServiceCollection AddReaderReadStore(this IServiceCollection services, IConfiguration configuration) =>
        services
        .AddReadCollection<ReaderDocument>(
            configuration,
            Database,
            "readers",
            new ReadIndex(nameof(ReaderDocument.ReaderNumber), unique: true),
            new ReadIndex(nameof(ReaderDocument.NameSearch)),
            ReadIndex.Sorted(ReadSort.Ascending(nameof(ReaderDocument.RegisteredAt))),
            ReadIndex.Sorted(ReadSort.Ascending(nameof(ReaderDocument.RegisteredAt)), nameof(ReaderDocument.EmailSearch)))
        .AddReadCollection<ReaderLoanDocument>(
            configuration,
            Database,
            "reader_loans",
            new ReadIndex(nameof(ReaderLoanDocument.ReaderId)));
}
