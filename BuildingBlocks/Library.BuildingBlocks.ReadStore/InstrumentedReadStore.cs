using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Library.BuildingBlocks.ReadStore;

/// <summary>
/// Meter <see cref="MeterName"/>: <c>library.readstore.operation.duration</c> per operation and
/// collection, whichever adapter runs underneath, so a slow store shows beside the consumers' lag
/// (docs/adr/0022).
/// </summary>
public sealed class ReadStoreMetrics
{
    public const string MeterName = "Library.ReadStore";

    public ReadStoreMetrics(IMeterFactory meters) =>
        Duration = meters.Create(MeterName).CreateHistogram<double>(
            "library.readstore.operation.duration",
            "s",
            "How long one read-store operation took, by operation, collection and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5] });

    internal Histogram<double> Duration { get; }
}

/// <summary>Times every operation of the store it wraps; set-up and health pass through untimed.</summary>
internal sealed class InstrumentedReadStore<TDocument>(IReadStore<TDocument> inner, ReadStoreMetrics metrics, string collection)
    : IReadStore<TDocument>, IReadCollection
    where TDocument : class, IReadDocument
{
    private readonly IReadCollection? _collection = inner as IReadCollection;

    public string Database => _collection?.Database ?? "";

    public string Name => _collection?.Name ?? collection;

    public bool IsSetUp => _collection?.IsSetUp ?? true;

    public Task EnsureSetUpAsync(CancellationToken cancellationToken) => _collection?.EnsureSetUpAsync(cancellationToken) ?? Task.CompletedTask;

    public Task<bool> UpsertIfNewerAsync(TDocument document, CancellationToken cancellationToken = default) =>
        TimeAsync("upsert_if_newer", () => inner.UpsertIfNewerAsync(document, cancellationToken));

    public Task<bool> ReplaceIfAsync(TDocument document, ReadFilter condition, CancellationToken cancellationToken = default) =>
        TimeAsync("replace_if", () => inner.ReplaceIfAsync(document, condition, cancellationToken));

    public Task<bool> UpdateAsync(string id, ReadUpdate update, ReadFilter? condition = null, bool upsert = false, CancellationToken cancellationToken = default) =>
        TimeAsync("update", () => inner.UpdateAsync(id, update, condition, upsert, cancellationToken));

    public Task<TDocument?> UpdateAndGetAsync(string id, ReadUpdate update, ReadFilter? condition = null, bool upsert = false, CancellationToken cancellationToken = default) =>
        TimeAsync("update_get", () => inner.UpdateAndGetAsync(id, update, condition, upsert, cancellationToken));

    public Task InsertManyAsync(IEnumerable<TDocument> documents, CancellationToken cancellationToken = default) =>
        TimeAsync("insert_many", async () =>
        {
            await inner.InsertManyAsync(documents, cancellationToken);
            return true;
        });

    public Task<TDocument?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        TimeAsync("get", () => inner.GetAsync(id, cancellationToken));

    public Task<IReadOnlyList<TDocument>> FindAsync(ReadQuery query, CancellationToken cancellationToken = default) =>
        TimeAsync("find", () => inner.FindAsync(query, cancellationToken));

    public Task<long> CountAsync(ReadFilter filter, CancellationToken cancellationToken = default) =>
        TimeAsync("count", () => inner.CountAsync(filter, cancellationToken));

    public Task<IReadOnlyList<ReadSum>> TopSumsAsync(ReadFilter filter, string groupField, string sumField, int take, CancellationToken cancellationToken = default) =>
        TimeAsync("top_sums", () => inner.TopSumsAsync(filter, groupField, sumField, take, cancellationToken));

    private async Task<T> TimeAsync<T>(string operation, Func<Task<T>> run)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "ok";
        try
        {
            return await run();
        }
        catch
        {
            outcome = "failed";
            throw;
        }
        finally
        {
            metrics.Duration.Record(
                Stopwatch.GetElapsedTime(started).TotalSeconds,
                new TagList { { "db.operation.name", operation }, { "db.collection.name", collection }, { "outcome", outcome } });
        }
    }
}
