using Library.BuildingBlocks.ReadStore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Library.Reader.Query.ReadModel;

internal static class ReaderReadStore
{
    /// <summary>The Reader query service's own document database.</summary>
    public const string Database = "reader_query";

    public static IServiceCollection AddReaderReadStore(this IServiceCollection services, IConfiguration configuration) =>
        services
        .AddReadCollection<ReaderDocument>(
            configuration,
            Database,
            "readers",
            new ReadIndex(nameof(ReaderDocument.ReaderNumber), Unique: true),
            new ReadIndex(nameof(ReaderDocument.NameSearch)),
            new ReadIndex(nameof(ReaderDocument.EmailSearch)),
            new ReadIndex(nameof(ReaderDocument.RegisteredAt)))
        .AddReadCollection<ReaderLoanDocument>(
            configuration,
            Database,
            "reader_loans",
            new ReadIndex(nameof(ReaderLoanDocument.ReaderId)));
}
