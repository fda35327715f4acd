namespace Library.BuildingBlocks.ReadStore;

/// <summary>
/// A read-model document. <see cref="Version"/> is the version of the source aggregate it reflects,
/// which is what makes projections idempotent and tolerant of out-of-order delivery.
/// </summary>
public interface IReadDocument
{
    string Id { get; }

    long Version { get; }
}

/// <summary>The read-store port the query modules depend on; LiteDB and MongoDB implement it.</summary>
public interface IReadStore<TDocument>
    where TDocument : class, IReadDocument
{
    /// <summary>
    /// Stores <paramref name="document"/> unless the store already holds a version at least as new.
    /// Atomic per document. Returns whether it was written.
    /// </summary>
    Task<bool> UpsertIfNewerAsync(TDocument document, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the stored document with the same id only while it still matches
    /// <paramref name="condition"/> (a compare-and-set); atomic per document. Returns whether it was replaced.
    /// </summary>
    Task<bool> ReplaceIfAsync(TDocument document, ReadFilter condition, CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts documents none of whose ids the collection holds yet, in large batches: for loading a
    /// read model rebuilt elsewhere (a replay into an empty store), not for applying events. A
    /// duplicate id or unique-index value fails the call, and what was loaded stays: start a failed
    /// rebuild over with an empty store.
    /// </summary>
    Task InsertManyAsync(IEnumerable<TDocument> documents, CancellationToken cancellationToken = default);

    Task<TDocument?> GetAsync(string id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<TDocument>> FindAsync(ReadQuery query, CancellationToken cancellationToken = default);

    Task<long> CountAsync(ReadFilter filter, CancellationToken cancellationToken = default);
}

/// <summary>
/// A filtered, sorted window. Field names are the C# property names of the document
/// (<c>nameof(ReaderDocument.Email)</c>); adapters map them to their stored element names.
/// </summary>
public sealed record ReadQuery(ReadFilter Filter, ReadSort? Sort = null, int Skip = 0, int Take = 100);

public sealed record ReadSort(string Field, bool Descending = false)
{
    public static ReadSort Ascending(string field) => new(field);

    public static ReadSort DescendingBy(string field) => new(field, Descending: true);
}

/// <summary>An index the adapter creates at start-up so every query path is served without a scan.</summary>
public sealed record ReadIndex(string Field, bool Unique = false);

public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, long Total);

public static class ReadStoreExtensions
{
    /// <summary>One page (1-based) plus the total count of the filter, as the paged HTTP endpoints return.</summary>
    public static async Task<Page<TDocument>> FindPageAsync<TDocument>(
        this IReadStore<TDocument> store,
        ReadFilter filter,
        ReadSort sort,
        int page,
        int pageSize,
        CancellationToken cancellationToken = default)
        where TDocument : class, IReadDocument
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        // Checked: an unchecked skip wrapped around and answered page 1 for page 21474838; the
        // validators refuse such windows with a 400, so an overflow here is a missed rule and must be loud.
        var skip = checked((page - 1) * pageSize);
        var items = await store.FindAsync(new ReadQuery(filter, sort, skip, pageSize), cancellationToken);
        var total = await store.CountAsync(filter, cancellationToken);
        return new Page<TDocument>(items, page, pageSize, total);
    }
}
