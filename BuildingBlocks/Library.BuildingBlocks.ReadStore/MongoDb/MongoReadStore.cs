using System.Text.RegularExpressions;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Library.BuildingBlocks.ReadStore.MongoDb;

internal sealed class MongoReadStore<TDocument> : IReadStore<TDocument>
    where TDocument : class, IReadDocument
{
    private const int DuplicateKey = 11000;
    private const int BulkBatchSize = 5_000;
    private static readonly FilterDefinitionBuilder<TDocument> Filters = Builders<TDocument>.Filter;

    private readonly IMongoCollection<TDocument> _collection;

    public MongoReadStore(IMongoCollection<TDocument> collection, IReadOnlyList<ReadIndex> indexes)
    {
        _collection = collection;
        var models = indexes
            .Where(i => i.Field != nameof(IReadDocument.Id))
            .Select(i => new CreateIndexModel<TDocument>(
                Builders<TDocument>.IndexKeys.Ascending(FieldNames.ToElementName(i.Field)),
                new CreateIndexOptions { Unique = i.Unique, Name = FieldNames.ToElementName(i.Field) }))
            .ToList();
        if (models.Count > 0)
        {
            _collection.Indexes.CreateMany(models);
        }
    }

    public async Task<bool> UpsertIfNewerAsync(TDocument document, CancellationToken cancellationToken = default)
    {
        // Matches only an older version; when a newer or equal one exists the upsert attempts an
        // insert with the same _id, which the unique _id index refuses: that refusal is the "not newer".
        var filter = Filters.Eq("_id", document.Id) & Filters.Lt("version", document.Version);
        try
        {
            await _collection.ReplaceOneAsync(filter, document, new ReplaceOptions { IsUpsert = true }, cancellationToken);
            return true;
        }
        catch (MongoWriteException ex) when (ex.WriteError?.Code == DuplicateKey)
        {
            return false;
        }
    }

    public async Task<bool> ReplaceIfAsync(TDocument document, ReadFilter condition, CancellationToken cancellationToken = default)
    {
        var replaced = await _collection.ReplaceOneAsync(
            Filters.Eq("_id", document.Id) & Translate(condition), document, cancellationToken: cancellationToken);
        return replaced.MatchedCount == 1;
    }

    public async Task InsertManyAsync(IEnumerable<TDocument> documents, CancellationToken cancellationToken = default)
    {
        foreach (var batch in documents.Chunk(BulkBatchSize))
        {
            await _collection.InsertManyAsync(batch, new InsertManyOptions { IsOrdered = false }, cancellationToken);
        }
    }

    public async Task<TDocument?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        await _collection.Find(Filters.Eq("_id", id)).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<TDocument>> FindAsync(ReadQuery query, CancellationToken cancellationToken = default)
    {
        var find = _collection.Find(Translate(query.Filter));
        if (query.Sort is { } sort)
        {
            var field = FieldNames.ToElementName(sort.Field);
            find = find.Sort(sort.Descending
                ? Builders<TDocument>.Sort.Descending(field).Ascending("_id")
                : Builders<TDocument>.Sort.Ascending(field).Ascending("_id"));
        }

        return await find.Skip(query.Skip).Limit(query.Take).ToListAsync(cancellationToken);
    }

    public Task<long> CountAsync(ReadFilter filter, CancellationToken cancellationToken = default) =>
        _collection.CountDocumentsAsync(Translate(filter), cancellationToken: cancellationToken);

    private static FilterDefinition<TDocument> Translate(ReadFilter filter) => filter switch
    {
        AndFilter { Filters.Count: 0 } => Filters.Empty,
        AndFilter and => Filters.And(and.Filters.Select(Translate)),
        ComparisonFilter c => c.Operator switch
        {
            ComparisonOperator.Eq => Filters.Eq(Field(c.Field), c.Value),
            ComparisonOperator.Gt => Filters.Gt(Field(c.Field), c.Value),
            ComparisonOperator.Gte => Filters.Gte(Field(c.Field), c.Value),
            ComparisonOperator.Lt => Filters.Lt(Field(c.Field), c.Value),
            ComparisonOperator.Lte => Filters.Lte(Field(c.Field), c.Value),
            _ => throw new NotSupportedException(c.Operator.ToString()),
        },
        InFilter i => Filters.In(Field(i.Field), i.Values),
        ContainsFilter s => Filters.Regex(Field(s.Field), new BsonRegularExpression(Regex.Escape(s.Value))),
        _ => throw new NotSupportedException(filter.GetType().Name),
    };

    private static StringFieldDefinition<TDocument, object?> Field(string name) => new(FieldNames.ToElementName(name));
}
