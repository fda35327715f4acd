using System.Globalization;
using LiteDB;

namespace Library.BuildingBlocks.ReadStore.LiteDb;

internal sealed class LiteDbReadStore<TDocument> : IReadStore<TDocument>, IReadCollection
    where TDocument : class, IReadDocument
{
    private const int BulkBatchSize = 5_000;

    private readonly Lazy<ILiteCollection<TDocument>> _collection;
    private readonly BsonMapper _mapper;
    private readonly IReadOnlyList<ReadIndex> _declared;

    // LiteDB indexes single fields only: each declared index becomes an index of its leading field
    // (its equality or range filter) and, when it serves a sort, one of the sort field, which LiteDB
    // walks in order when nothing narrower filters: the same single-field indexes as before compound
    // indexes were declared. A sort after an equality filter is then ordered in memory over the
    // filter's matches; LiteDB is the development and test store, the compound indexes are for MongoDB.
    private readonly IReadOnlyList<ReadIndex> _indexes;
    private readonly bool _requireIndexedSorts;
    private readonly string _name;

    // One lock per database file, for reads and writes alike (see LiteDbFileLock for why reads too).
    // Direct mode gives this process the file exclusively, so an in-process lock is enough. Writes
    // hold it through the writer, which also serialises them: LiteDB has no conditional upsert, so
    // each compare-and-write must run alone.
    private readonly LiteDbFileLock _fileLock;
    private readonly Lazy<LiteDbWriter> _writer;
    private readonly SetUpOnce _setUp;

    /// <summary>Does no I/O: the file is opened on first use and the indexes made by <see cref="EnsureSetUpAsync"/>.</summary>
    public LiteDbReadStore(
        Func<LiteDatabase> database,
        LiteDbFileLock fileLock,
        Func<LiteDbWriter> writer,
        BsonMapper mapper,
        string databaseName,
        string collectionName,
        IReadOnlyList<ReadIndex> indexes,
        bool requireIndexedSorts)
    {
        if (indexes.FirstOrDefault(i => i.Unique && i.Keys.Count > 1) is { } compoundUnique)
        {
            throw new NotSupportedException($"LiteDB cannot enforce the compound unique index on {string.Join(", ", compoundUnique.Keys)}.");
        }

        _fileLock = fileLock;
        _writer = new Lazy<LiteDbWriter>(writer);
        _mapper = mapper;
        _name = collectionName;
        _collection = new Lazy<ILiteCollection<TDocument>>(() => database().GetCollection<TDocument>(collectionName));
        _declared = indexes;
        _indexes = [.. indexes
            .SelectMany(i => SingleFields(i).Select(field => (Field: field, Unique: i.Unique && i.Keys.Count == 1)))
            .Where(i => i.Field != nameof(IReadDocument.Id))
            .GroupBy(i => i.Field, StringComparer.Ordinal)
            .Select(g => new ReadIndex(g.Key, g.Any(i => i.Unique)))];
        _requireIndexedSorts = requireIndexedSorts;
        Database = databaseName;
        _setUp = new SetUpOnce(() => Writer.WriteAsync(() =>
        {
            // Creates the collection now rather than on the first concurrent write.
            Collection.EnsureIndex("_id", "$._id", unique: true);
            EnsureIndexes();
            return true;
        }));
    }

    public string Database { get; }

    public string Name => _name;

    public bool IsSetUp => _setUp.IsDone;

    private ILiteCollection<TDocument> Collection => _collection.Value;

    private LiteDbWriter Writer => _writer.Value;

    public Task EnsureSetUpAsync(CancellationToken cancellationToken) => _setUp.EnsureAsync(cancellationToken);

    public async Task<bool> UpsertIfNewerAsync(TDocument document, CancellationToken cancellationToken = default)
    {
        await EnsureSetUpAsync(cancellationToken);
        return await Writer.WriteAsync(() =>
        {
            var current = Collection.FindById(document.Id);
            if (current is not null && current.Version >= document.Version)
            {
                return false;
            }

            Unique(() => Collection.Upsert(document));
            return true;
        });
    }

    public async Task<bool> ReplaceIfAsync(TDocument document, ReadFilter condition, CancellationToken cancellationToken = default)
    {
        var matches = Translate(ReadFilter.And(ReadFilter.Eq(nameof(IReadDocument.Id), document.Id), condition))!;
        await EnsureSetUpAsync(cancellationToken);
        return await Writer.WriteAsync(() => Collection.Exists(matches) && Unique(() => Collection.Update(document)));
    }

    public async Task InsertManyAsync(IEnumerable<TDocument> documents, CancellationToken cancellationToken = default)
    {
        // Into an empty collection (the rebuild this is for), the secondary indexes are dropped for the
        // load and built once at the end: 400,000 loans with six indexes loaded in 102 s that way
        // against 181 s growing every index document by document, and the gap widens with size.
        await EnsureSetUpAsync(cancellationToken);
        var buildIndexesAfter = _indexes.Count > 0 && await Writer.WriteAsync(() =>
        {
            if (Collection.Query().Exists())
            {
                return false;
            }

            foreach (var index in _indexes)
            {
                Collection.DropIndex(FieldNames.ToElementName(index.Field));
            }

            return true;
        });

        try
        {
            // A write per batch rather than per document, so that readers are not shut out for the whole load.
            foreach (var batch in documents.Chunk(BulkBatchSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await Writer.WriteAsync(() => Unique(() => Collection.InsertBulk(batch, BulkBatchSize)));
            }
        }
        finally
        {
            if (buildIndexesAfter)
            {
                await Writer.WriteAsync(() =>
                {
                    EnsureIndexes();
                    return true;
                });
            }
        }
    }

    public async Task<TDocument?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        await _fileLock.ReadAsync(() => Collection.FindById(id), cancellationToken);

    public async Task<IReadOnlyList<TDocument>> FindAsync(ReadQuery query, CancellationToken cancellationToken = default)
    {
        if (_requireIndexedSorts)
        {
            SortIndexes.EnsureServed(_declared, query, _name);
        }

        var builder = Translate(query.Filter) is { } predicate ? Collection.Query().Where(predicate) : Collection.Query();
        var ordered = query.Sort is { } sort
            ? builder.OrderBy(BsonExpression.Create("$." + FieldNames.ToElementName(sort.Field)), sort.Descending ? Query.Descending : Query.Ascending)
            : builder;
        return await _fileLock.ReadAsync(() => ordered.Skip(query.Skip).Limit(query.Take).ToList(), cancellationToken);
    }

    public async Task<long> CountAsync(ReadFilter filter, CancellationToken cancellationToken = default)
    {
        if (Translate(filter) is not { } predicate)
        {
            // Walks the _id index's keys, loading no document: LiteDB keeps no count of a collection.
            return await _fileLock.ReadAsync(() => Collection.LongCount(), cancellationToken);
        }

        // LiteDB's own count reads _id, and so loads every matching document. Counting the one field the
        // filter reads lets LiteDB answer from that field's index alone when it has one: the overdue
        // count at 1,000,000 loans goes from loading 30,000 documents to walking 30,000 index keys.
        var fields = Fields(filter).Distinct(StringComparer.Ordinal).ToList();
        var counted = fields.Count == 1 ? "*." + fields[0] : "*._id";
        return await _fileLock.ReadAsync(
            () => Collection.Query().Where(predicate).Select(BsonExpression.Create($"{{ count: COUNT({counted}) }}")).ToDocuments().Single()["count"].AsInt64,
            cancellationToken);
    }

    /// <summary>
    /// The LiteDB predicate of a filter; null for "everything". Values travel as parameters, never
    /// inlined into the expression's text: LiteDB compiles each distinct expression text into a
    /// delegate and caches it for the life of the process, so inlined values (a reader id, the current
    /// time) cost a compilation per request and grow that cache without bound. With parameters there is
    /// one text, and one compilation, per filter shape.
    /// </summary>
    private BsonExpression? Translate(ReadFilter filter)
    {
        var parameters = new BsonDocument();
        return Source(filter, parameters) is { } source ? BsonExpression.Create(source, parameters) : null;
    }

    private string? Source(ReadFilter filter, BsonDocument parameters)
    {
        string Parameter(BsonValue value)
        {
            var name = "p" + parameters.Count.ToString(CultureInfo.InvariantCulture);
            parameters[name] = value;
            return "@" + name;
        }

        return filter switch
        {
            AndFilter { Filters.Count: 0 } => null,
            AndFilter { Filters.Count: 1 } and => Source(and.Filters[0], parameters),
            AndFilter and => "(" + string.Join(" AND ", and.Filters.Select(f => Source(f, parameters) ?? "true")) + ")",
            ComparisonFilter c => c.Operator switch
            {
                ComparisonOperator.Eq => $"{Path(c.Field)} = {Parameter(Value(c.Value))}",
                ComparisonOperator.Gt => $"{Path(c.Field)} > {Parameter(Value(c.Value))}",
                ComparisonOperator.Gte => $"{Path(c.Field)} >= {Parameter(Value(c.Value))}",

                // LiteDB orders null below every value, so a plain "<" would match missing fields. The
                // range starts at the lowest value of the compared type instead, and comes first, so that
                // LiteDB picks it as the index range (of terms equally cheap, it takes the first); the
                // "<" after it excludes the upper bound, which BETWEEN includes.
                ComparisonOperator.Lt =>
                    $"({Path(c.Field)} BETWEEN {Parameter(LowestOfType(Value(c.Value)))} AND {Parameter(Value(c.Value))} AND {Path(c.Field)} < {Parameter(Value(c.Value))})",
                ComparisonOperator.Lte => $"{Path(c.Field)} BETWEEN {Parameter(LowestOfType(Value(c.Value)))} AND {Parameter(Value(c.Value))}",
                _ => throw new NotSupportedException(c.Operator.ToString()),
            },
            InFilter i => $"{Path(i.Field)} IN {Parameter(new BsonArray(i.Values.Select(Value)))}",

            // INDEXOF is an ordinal substring test, the same semantics as an escaped MongoDB regex.
            ContainsFilter s => $"(INDEXOF({Path(s.Field)}, {Parameter(new BsonValue(s.Value))}) >= 0)",
            _ => throw new NotSupportedException(filter.GetType().Name),
        };
    }

    /// <summary>
    /// A value no greater than any value of <paramref name="value"/>'s type and greater than null (LiteDB
    /// compares numbers of different types by value, and values of different types by type).
    /// </summary>
    private static BsonValue LowestOfType(BsonValue value) => value.Type switch
    {
        BsonType.Int32 or BsonType.Int64 => new BsonValue(long.MinValue),
        BsonType.Double => new BsonValue(-double.MaxValue),
        BsonType.Decimal => new BsonValue(decimal.MinValue),
        BsonType.String => new BsonValue(string.Empty),
        BsonType.DateTime => new BsonValue(DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc)),
        _ => throw new NotSupportedException($"Range filters on {value.Type} values are not supported."),
    };

    /// <summary>The element names a filter reads, so a count over one indexed field can be answered from the index.</summary>
    private static IEnumerable<string> Fields(ReadFilter filter) => filter switch
    {
        AndFilter and => and.Filters.SelectMany(Fields),
        ComparisonFilter c => [FieldNames.ToElementName(c.Field)],
        InFilter i => [FieldNames.ToElementName(i.Field)],
        ContainsFilter s => [FieldNames.ToElementName(s.Field)],
        _ => throw new NotSupportedException(filter.GetType().Name),
    };

    /// <summary>The leading field, and the sort field of an index that ends in the id tie-break.</summary>
    private static IEnumerable<string> SingleFields(ReadIndex index) =>
        index.Keys is [.., var sorted, { Field: nameof(IReadDocument.Id) }] ? [index.Field, sorted.Field] : [index.Field];

    private void EnsureIndexes()
    {
        foreach (var index in _indexes)
        {
            Collection.EnsureIndex(FieldNames.ToElementName(index.Field), Path(index.Field), index.Unique);
        }
    }

    /// <summary>A duplicate value of a unique index, reported as the port's conflict, the same as the MongoDB adapter does.</summary>
    private T Unique<T>(Func<T> write)
    {
        try
        {
            return write();
        }
        catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            throw new UniqueIndexViolationException($"'{_name}': {ex.Message}", ex);
        }
    }

    private static string Path(string field) => "$." + FieldNames.ToElementName(field);

    private BsonValue Value(object? value) => value is null ? BsonValue.Null : _mapper.Serialize(value.GetType(), value);
}
