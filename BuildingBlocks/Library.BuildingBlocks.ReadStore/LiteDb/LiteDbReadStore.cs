using LiteDB;

namespace Library.BuildingBlocks.ReadStore.LiteDb;

internal sealed class LiteDbReadStore<TDocument> : IReadStore<TDocument>
    where TDocument : class, IReadDocument
{
    private readonly ILiteCollection<TDocument> _collection;
    private readonly BsonMapper _mapper;

    // LiteDB has no conditional upsert; the compare-and-write of one collection is serialised in
    // process, which is enough because direct mode gives this process the file exclusively.
    private readonly Lock _writeLock = new();

    public LiteDbReadStore(LiteDatabase database, BsonMapper mapper, string collectionName, IReadOnlyList<ReadIndex> indexes)
    {
        _mapper = mapper;
        _collection = database.GetCollection<TDocument>(collectionName);
        foreach (var index in indexes)
        {
            _collection.EnsureIndex(FieldNames.ToElementName(index.Field), "$." + FieldNames.ToElementName(index.Field), index.Unique);
        }
    }

    public Task<bool> UpsertIfNewerAsync(TDocument document, CancellationToken cancellationToken = default)
    {
        lock (_writeLock)
        {
            var current = _collection.FindById(document.Id);
            if (current is not null && current.Version >= document.Version)
            {
                return Task.FromResult(false);
            }

            _collection.Upsert(document);
            return Task.FromResult(true);
        }
    }

    public Task<bool> ReplaceIfAsync(TDocument document, ReadFilter condition, CancellationToken cancellationToken = default)
    {
        var matches = Translate(ReadFilter.And(ReadFilter.Eq(nameof(IReadDocument.Id), document.Id), condition))!;
        lock (_writeLock)
        {
            return Task.FromResult(_collection.Exists(matches) && _collection.Update(document));
        }
    }

    public Task<TDocument?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        Task.FromResult<TDocument?>(_collection.FindById(id));

    public Task<IReadOnlyList<TDocument>> FindAsync(ReadQuery query, CancellationToken cancellationToken = default)
    {
        var builder = Translate(query.Filter) is { } predicate ? _collection.Query().Where(predicate) : _collection.Query();
        var ordered = query.Sort is { } sort
            ? builder.OrderBy(BsonExpression.Create("$." + FieldNames.ToElementName(sort.Field)), sort.Descending ? Query.Descending : Query.Ascending)
            : builder;
        IReadOnlyList<TDocument> items = ordered.Skip(query.Skip).Limit(query.Take).ToList();
        return Task.FromResult(items);
    }

    public Task<long> CountAsync(ReadFilter filter, CancellationToken cancellationToken = default) =>
        Task.FromResult(Translate(filter) is { } predicate ? _collection.LongCount(predicate) : _collection.LongCount());

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
