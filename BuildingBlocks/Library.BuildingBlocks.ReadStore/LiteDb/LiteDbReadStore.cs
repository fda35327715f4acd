using LiteDB;

namespace Library.BuildingBlocks.ReadStore.LiteDb;

internal sealed class LiteDbReadStore<TDocument> : IReadStore<TDocument>
    where TDocument : class, IReadDocument
{
    private const int BulkBatchSize = 5_000;

    private readonly ILiteCollection<TDocument> _collection;
    private readonly BsonMapper _mapper;

    // One lock per database file, for reads and writes alike (see LiteDbFileLock for why reads too).
    // Direct mode gives this process the file exclusively, so an in-process lock is enough. Writes
    // hold it through the writer, which also serialises them: LiteDB has no conditional upsert, so
    // each compare-and-write must run alone.
    private readonly LiteDbFileLock _fileLock;
    private readonly LiteDbWriter _writer;

    public LiteDbReadStore(LiteDatabase database, LiteDbFileLock fileLock, LiteDbWriter writer, BsonMapper mapper, string collectionName, IReadOnlyList<ReadIndex> indexes)
    {
        _fileLock = fileLock;
        _writer = writer;
        _mapper = mapper;
        _collection = database.GetCollection<TDocument>(collectionName);

        // Creates the collection now rather than on the first concurrent write.
        _collection.EnsureIndex("_id", "$._id", unique: true);
        foreach (var index in indexes)
        {
            _collection.EnsureIndex(FieldNames.ToElementName(index.Field), "$." + FieldNames.ToElementName(index.Field), index.Unique);
        }
    }

    public Task<bool> UpsertIfNewerAsync(TDocument document, CancellationToken cancellationToken = default) =>
        _writer.WriteAsync(() =>
        {
            var current = _collection.FindById(document.Id);
            if (current is not null && current.Version >= document.Version)
            {
                return false;
            }

            _collection.Upsert(document);
            return true;
        });

    public Task<bool> ReplaceIfAsync(TDocument document, ReadFilter condition, CancellationToken cancellationToken = default)
    {
        var matches = Translate(ReadFilter.And(ReadFilter.Eq(nameof(IReadDocument.Id), document.Id), condition))!;
        return _writer.WriteAsync(() => _collection.Exists(matches) && _collection.Update(document));
    }

    public async Task InsertManyAsync(IEnumerable<TDocument> documents, CancellationToken cancellationToken = default)
    {
        // A write per batch rather than per document, so that readers are not shut out for the whole load.
        foreach (var batch in documents.Chunk(BulkBatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await _writer.WriteAsync(() => _collection.InsertBulk(batch, BulkBatchSize));
        }
    }

    public async Task<TDocument?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        await _fileLock.ReadAsync(() => _collection.FindById(id), cancellationToken);

    public async Task<IReadOnlyList<TDocument>> FindAsync(ReadQuery query, CancellationToken cancellationToken = default)
    {
        var builder = Translate(query.Filter) is { } predicate ? _collection.Query().Where(predicate) : _collection.Query();
        var ordered = query.Sort is { } sort
            ? builder.OrderBy(BsonExpression.Create("$." + FieldNames.ToElementName(sort.Field)), sort.Descending ? Query.Descending : Query.Ascending)
            : builder;
        return await _fileLock.ReadAsync(() => ordered.Skip(query.Skip).Limit(query.Take).ToList(), cancellationToken);
    }

    public async Task<long> CountAsync(ReadFilter filter, CancellationToken cancellationToken = default)
    {
        var predicate = Translate(filter);
        return await _fileLock.ReadAsync(() => predicate is null ? _collection.LongCount() : _collection.LongCount(predicate), cancellationToken);
    }

    /// <summary>The LiteDB predicate of a filter; null for "everything".</summary>
    private BsonExpression? Translate(ReadFilter filter) => filter switch
    {
        AndFilter { Filters.Count: 0 } => null,
        AndFilter { Filters.Count: 1 } and => Translate(and.Filters[0]),
        AndFilter and => Query.And([.. and.Filters.Select(f => Translate(f) ?? BsonExpression.Create("true"))]),
        ComparisonFilter c => c.Operator switch
        {
            ComparisonOperator.Eq => Query.EQ(Path(c.Field), Value(c.Value)),
            ComparisonOperator.Gt => Query.GT(Path(c.Field), Value(c.Value)),
            ComparisonOperator.Gte => Query.GTE(Path(c.Field), Value(c.Value)),
            ComparisonOperator.Lt => Query.LT(Path(c.Field), Value(c.Value)),
            ComparisonOperator.Lte => Query.LTE(Path(c.Field), Value(c.Value)),
            _ => throw new NotSupportedException(c.Operator.ToString()),
        },
        InFilter i => Query.In(Path(i.Field), new BsonArray(i.Values.Select(Value))),

        // INDEXOF is an ordinal substring test, the same semantics as an escaped MongoDB regex. The
        // value is inlined as a JSON string literal: a named parameter (@0) would collide with the
        // parameters of the other operands when Query.And merges the expressions.
        ContainsFilter s => BsonExpression.Create(
            $"(INDEXOF({Path(s.Field)}, {JsonSerializer.Serialize(new BsonValue(s.Value))}) >= 0)"),
        _ => throw new NotSupportedException(filter.GetType().Name),
    };

    private static string Path(string field) => "$." + FieldNames.ToElementName(field);

    private BsonValue Value(object? value) => value is null ? BsonValue.Null : _mapper.Serialize(value.GetType(), value);
}
