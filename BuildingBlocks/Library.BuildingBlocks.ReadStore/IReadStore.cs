using Library.BuildingBlocks.Results;

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

/// <summary>The read-store port the query modules depend on; SQLite (embedded) and MongoDB implement it.</summary>
public interface IReadStore<TDocument>
    where TDocument : class, IReadDocument
{
    /// <summary>
    /// Stores <paramref name="document"/> unless the store already holds a version at least as new.
    /// Atomic per document, also for the first versions of a new document racing each other: the newest
    /// wins. Returns whether it was written. Throws <see cref="UniqueIndexViolationException"/> when
    /// another document holds the same value of a unique index.
    /// </summary>
    Task<bool> UpsertIfNewerAsync(TDocument document, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the stored document with the same id only while it still matches
    /// <paramref name="condition"/> (a compare-and-set); atomic per document. Returns whether it was replaced.
    /// </summary>
    Task<bool> ReplaceIfAsync(TDocument document, ReadFilter condition, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies <paramref name="update"/> to the document with id <paramref name="id"/> atomically, in one
    /// native operation of the store (no read first), and only while it matches <paramref name="condition"/>
    /// when one is given. Returns whether a document matched and was updated (or created). With
    /// <paramref name="upsert"/>, a missing document is created from the update alone (an increment starting
    /// at 0, the version 0 unless the update sets it); the condition is not checked against a missing
    /// document, and may compare no field for equality (<see cref="ReadUpdate"/>). Throws
    /// <see cref="UniqueIndexViolationException"/> when the result would repeat another document's value
    /// of a unique index; nothing is written then.
    /// </summary>
    Task<bool> UpdateAsync(string id, ReadUpdate update, ReadFilter? condition = null, bool upsert = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="UpdateAsync"/>, answering the document as it is right after this update, read in the
    /// same native operation (no other write between the two); null when no document matched (the
    /// condition failed, or the document is missing and <paramref name="upsert"/> is false).
    /// </summary>
    Task<TDocument?> UpdateAndGetAsync(string id, ReadUpdate update, ReadFilter? condition = null, bool upsert = false, CancellationToken cancellationToken = default);

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

    /// <summary>
    /// Groups the documents matching <paramref name="filter"/> by the text field <paramref name="groupField"/>
    /// and sums the whole-number field <paramref name="sumField"/> of each group, inside the store (one
    /// aggregation: no document leaves it): the <paramref name="take"/> largest sums, ties by the group's
    /// value in ordinal order. A missing sum counts as 0; a document without the group field is left out.
    /// </summary>
    Task<IReadOnlyList<ReadSum>> TopSumsAsync(ReadFilter filter, string groupField, string sumField, int take, CancellationToken cancellationToken = default);
}

/// <summary>One group of <see cref="IReadStore{TDocument}.TopSumsAsync"/>: the group field's value and its sum.</summary>
public sealed record ReadSum(string Group, long Sum);

/// <summary>
/// A filtered, sorted window. Field names are the C# property names of the document
/// (<c>nameof(ReaderDocument.Email)</c>); adapters map them to their stored element names.
/// With <see cref="After"/> (a keyset page) the window starts right after that position of the sort
/// and <see cref="Skip"/> must be 0: the adapter seeks the sort's index to the position instead of
/// reading and discarding the documents before it, so a deep page costs what the first one does.
/// </summary>
public sealed record ReadQuery(ReadFilter Filter, ReadSort? Sort = null, int Skip = 0, int Take = 100, ReadPosition? After = null)
{
    /// <summary>Throws unless <see cref="After"/>, when given, has the sort it is a position of and no skip.</summary>
    public void EnsureValidPosition()
    {
        if (After is null)
        {
            return;
        }

        if (Sort is null)
        {
            throw new ArgumentException("A keyset position needs the sort it is a position of.", nameof(After));
        }

        if (Skip != 0)
        {
            throw new ArgumentException("A keyset page skips nothing: the position is where it starts.", nameof(Skip));
        }
    }
}

/// <summary>
/// A position in a sorted query: the sort field's value (null for a document without it) and the id of
/// the last document already read. The documents after it are those the sort (the field, then the id
/// ascending; a null or missing value before every other, as MongoDB orders them) puts after it, also
/// when documents were written since: none that existed throughout is skipped or repeated.
/// </summary>
public sealed record ReadPosition(object? Value, string Id);

public sealed record ReadSort(string Field, bool Descending = false)
{
    public static ReadSort Ascending(string field) => new(field);

    public static ReadSort DescendingBy(string field) => new(field, Descending: true);
}

/// <summary>
/// An index the adapter creates once the store answers, so every query path is served without a scan.
/// A query sorted by a field is served by an index only when the index holds the sort field followed by
/// <c>_id</c> (every sort breaks ties by id), after any fields the query compares for equality:
/// declare those as a compound index with <see cref="Sorted"/>.
/// </summary>
public sealed record ReadIndex
{
    /// <summary>A single-field index, ascending.</summary>
    public ReadIndex(string field, bool unique = false)
        : this([new ReadIndexKey(field)], unique)
    {
    }

    public ReadIndex(IReadOnlyList<ReadIndexKey> keys, bool unique = false)
    {
        ArgumentOutOfRangeException.ThrowIfZero(keys.Count);
        Keys = keys;
        Unique = unique;
    }

    public IReadOnlyList<ReadIndexKey> Keys { get; }

    public bool Unique { get; }

    /// <summary>The leading field.</summary>
    public string Field => Keys[0].Field;

    /// <summary>
    /// The index that serves <paramref name="sort"/> (with its <c>_id</c> tie-break) for queries comparing
    /// <paramref name="equalityFields"/> for equality, and any prefix of them.
    /// </summary>
    public static ReadIndex Sorted(ReadSort sort, params string[] equalityFields) =>
        new([.. equalityFields.Select(f => new ReadIndexKey(f)), new ReadIndexKey(sort.Field, sort.Descending), new ReadIndexKey(nameof(IReadDocument.Id))]);

    /// <summary>A compound index of <paramref name="fields"/>, all ascending (e.g. for counts over several equality filters).</summary>
    public static ReadIndex Compound(params string[] fields) => new([.. fields.Select(f => new ReadIndexKey(f))]);
}

public sealed record ReadIndexKey(string Field, bool Descending = false);

/// <summary>
/// The store cannot be reached or did not answer in time (no server selected, connection refused or
/// lost, an operation timed out): a condition to retry later, not a bug.
/// </summary>
public sealed class ReadStoreUnavailableException : StoreUnavailableException
{
    public ReadStoreUnavailableException()
    {
    }

    public ReadStoreUnavailableException(string message)
        : base(message)
    {
    }

    public ReadStoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A write would give two documents the same value of a unique index other than the id; nothing was written.</summary>
public sealed class UniqueIndexViolationException : Exception
{
    public UniqueIndexViolationException()
    {
    }

    public UniqueIndexViolationException(string message)
        : base(message)
    {
    }

    public UniqueIndexViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, long Total);

/// <summary>A keyset page: <see cref="HasMore"/> says whether documents follow its last one.</summary>
public sealed record KeysetPage<T>(IReadOnlyList<T> Items, int PageSize, long Total, bool HasMore);

public static class ReadStoreExtensions
{
    /// <summary>
    /// The page of <paramref name="pageSize"/> documents after <paramref name="after"/> (the first page
    /// without it) plus the total count of the filter; one document more is read to tell whether another
    /// page follows (<see cref="KeysetPage{T}.HasMore"/>), so the last page needs no extra request.
    /// </summary>
    public static async Task<KeysetPage<TDocument>> FindAfterAsync<TDocument>(
        this IReadStore<TDocument> store,
        ReadFilter filter,
        ReadSort sort,
        ReadPosition? after,
        int pageSize,
        CancellationToken cancellationToken = default)
        where TDocument : class, IReadDocument
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var found = await store.FindAsync(new ReadQuery(filter, sort, 0, checked(pageSize + 1), after), cancellationToken);
        var total = await store.CountAsync(filter, cancellationToken);
        return new KeysetPage<TDocument>([.. found.Take(pageSize)], pageSize, total, found.Count > pageSize);
    }

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
