using System.Text.RegularExpressions;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;

namespace Library.BuildingBlocks.ReadStore.MongoDb;

internal sealed partial class MongoReadStore<TDocument> : IReadStore<TDocument>, IReadCollection
    where TDocument : class, IReadDocument
{
    private const int DuplicateKey = 11000;
    private const string IdIndexName = "_id_";
    private const int BulkBatchSize = 5_000;

    private readonly IMongoCollection<TDocument> _collection;
    private readonly IReadOnlyList<ReadIndex> _indexes;
    private readonly bool _requireIndexedSorts;
    private readonly IBsonDocumentSerializer? _serializer;
    private readonly SetUpOnce _setUp;

    /// <summary>Does no I/O: the indexes are created by <see cref="EnsureSetUpAsync"/>, which the first write also awaits.</summary>
    public MongoReadStore(IMongoCollection<TDocument> collection, string database, IReadOnlyList<ReadIndex> indexes, bool requireIndexedSorts)
    {
        _collection = collection;
        _indexes = indexes;
        _requireIndexedSorts = requireIndexedSorts;
        _serializer = collection.DocumentSerializer as IBsonDocumentSerializer;
        Database = database;
        _setUp = new SetUpOnce(CreateIndexesAsync);
    }

    public string Database { get; }

    public string Name => _collection.CollectionNamespace.CollectionName;

    public bool IsSetUp => _setUp.IsDone;

    public Task EnsureSetUpAsync(CancellationToken cancellationToken) => _setUp.EnsureAsync(cancellationToken);

    public Task<bool> UpsertIfNewerAsync(TDocument document, CancellationToken cancellationToken = default) => GuardAsync(async () =>
    {
        // Unique indexes must be in force before the first document is written.
        await EnsureSetUpAsync(cancellationToken);

        // Matches only an older version. When none matches, the upsert inserts; the unique _id index
        // refuses that insert when the document exists, which is then either at least as new (the
        // usual "not newer") or an older version whose insert raced ours and won, as when copy.added
        // v1 and loan.created's copy v2 reach two consumers at once. The replace below, without
        // upsert now that the document surely exists, tells the two apart.
        var newer = Builders<TDocument>.Filter.And(
            Builders<TDocument>.Filter.Eq("_id", document.Id),
            Builders<TDocument>.Filter.Lt("version", document.Version));
        try
        {
            await _collection.ReplaceOneAsync(newer, document, new ReplaceOptions { IsUpsert = true }, cancellationToken);
            return true;
        }
        catch (MongoWriteException ex) when (ex.WriteError?.Code == DuplicateKey && IndexOf(ex.WriteError.Message) == IdIndexName)
        {
            // Documents are never deleted, so the one that refused the insert is still there.
        }
        catch (MongoWriteException ex) when (ex.WriteError?.Code == DuplicateKey)
        {
            throw new UniqueIndexViolationException($"'{Name}': {ex.WriteError.Message}", ex);
        }

        var replaced = await ReplaceAsync(newer, document, cancellationToken);
        return replaced.MatchedCount == 1;
    });

    public Task<bool> ReplaceIfAsync(TDocument document, ReadFilter condition, CancellationToken cancellationToken = default) => GuardAsync(async () =>
    {
        await EnsureSetUpAsync(cancellationToken);
        var replaced = await ReplaceAsync(Filter(ReadFilter.And(ReadFilter.Eq(nameof(IReadDocument.Id), document.Id), condition)), document, cancellationToken);
        return replaced.MatchedCount == 1;
    });

    public Task<bool> UpdateAsync(string id, ReadUpdate update, ReadFilter? condition = null, bool upsert = false, CancellationToken cancellationToken = default) => GuardAsync(async () =>
    {
        var (filter, definition) = UpdateDefinition(id, update, condition, upsert);
        await EnsureSetUpAsync(cancellationToken);
        try
        {
            var result = await _collection.UpdateOneAsync(filter, definition, new UpdateOptions { IsUpsert = upsert }, cancellationToken);
            return result.MatchedCount == 1 || result.UpsertedId is not null;
        }
        catch (MongoWriteException ex) when (upsert && ex.WriteError?.Code == DuplicateKey && IndexOf(ex.WriteError.Message) == IdIndexName)
        {
            // The document exists: either it fails the condition (so nothing matched and the upsert tried
            // to insert) or another upsert inserted it first. Without upsert, the update tells the two apart.
        }
        catch (MongoWriteException ex) when (ex.WriteError?.Code == DuplicateKey)
        {
            throw new UniqueIndexViolationException($"'{Name}': {ex.WriteError.Message}", ex);
        }

        try
        {
            var retried = await _collection.UpdateOneAsync(filter, definition, cancellationToken: cancellationToken);
            return retried.MatchedCount == 1;
        }
        catch (MongoWriteException ex) when (ex.WriteError?.Code == DuplicateKey)
        {
            throw new UniqueIndexViolationException($"'{Name}': {ex.WriteError.Message}", ex);
        }
    });

    /// <summary>
    /// One <c>findAndModify</c> (<see cref="ReturnDocument.After"/>): the update of <see cref="UpdateAsync"/>
    /// and the document it left, or null when nothing matched. A command, so a duplicate key comes back as
    /// a command error rather than a write error; the fallback for an existing document that fails an
    /// upsert's condition is <see cref="UpdateAsync"/>'s.
    /// </summary>
    public Task<TDocument?> UpdateAndGetAsync(string id, ReadUpdate update, ReadFilter? condition = null, bool upsert = false, CancellationToken cancellationToken = default) => GuardAsync(async () =>
    {
        var (filter, definition) = UpdateDefinition(id, update, condition, upsert);
        await EnsureSetUpAsync(cancellationToken);
        try
        {
            return await FindOneAndUpdateAsync(filter, definition, upsert, cancellationToken);
        }
        catch (MongoException ex) when (upsert && DuplicateKeyMessage(ex) is { } message && IndexOf(message) == IdIndexName)
        {
            // The document exists and failed the condition, or a racing upsert created it first: see UpdateAsync.
        }

        return await FindOneAndUpdateAsync(filter, definition, upsert: false, cancellationToken);
    });

    public Task InsertManyAsync(IEnumerable<TDocument> documents, CancellationToken cancellationToken = default) => GuardAsync(async () =>
    {
        await EnsureSetUpAsync(cancellationToken);
        foreach (var batch in documents.Chunk(BulkBatchSize))
        {
            try
            {
                await _collection.InsertManyAsync(batch, new InsertManyOptions { IsOrdered = false }, cancellationToken);
            }
            catch (MongoBulkWriteException<TDocument> ex) when (ex.WriteErrors.FirstOrDefault(e => e.Code == DuplicateKey) is { } duplicate)
            {
                throw new UniqueIndexViolationException($"'{Name}': {duplicate.Message}", ex);
            }
        }

        return true;
    });

    public Task<TDocument?> GetAsync(string id, CancellationToken cancellationToken = default) => GuardAsync(async () =>
        (TDocument?)await _collection.Find(Builders<TDocument>.Filter.Eq("_id", id)).FirstOrDefaultAsync(cancellationToken));

    public Task<IReadOnlyList<TDocument>> FindAsync(ReadQuery query, CancellationToken cancellationToken = default) => GuardAsync(async () =>
    {
        if (_requireIndexedSorts)
        {
            SortIndexes.EnsureServed(_indexes, query, Name);
        }

        query.EnsureValidPosition();
        var filter = query.After is { } after
            ? new BsonDocumentFilterDefinition<TDocument>(new BsonDocument("$and", new BsonArray { Render(query.Filter), RenderAfter(query.Sort!, after) }))
            : Filter(query.Filter);
        var find = _collection.Find(filter);
        if (query.Sort is { } sort)
        {
            var field = FieldNames.ToElementName(sort.Field);
            find = find.Sort(sort.Descending
                ? Builders<TDocument>.Sort.Descending(field).Ascending("_id")
                : Builders<TDocument>.Sort.Ascending(field).Ascending("_id"));
        }

        IReadOnlyList<TDocument> found = await find.Skip(query.Skip).Limit(query.Take).ToListAsync(cancellationToken);
        return found;
    });

    /// <summary>
    /// An unfiltered count comes from the collection's metadata (the <c>count</c> command without a
    /// query), not from CountDocuments, which is an aggregation that reads every document or index key.
    /// </summary>
    public Task<long> CountAsync(ReadFilter filter, CancellationToken cancellationToken = default) => GuardAsync(() =>
        filter is AndFilter { Filters.Count: 0 }
            ? _collection.EstimatedDocumentCountAsync(cancellationToken: cancellationToken)
            : _collection.CountDocumentsAsync(Filter(filter), cancellationToken: cancellationToken));

    /// <summary>
    /// One aggregation: <c>$match</c> (the filter, and the group field present), <c>$group</c> with <c>$sum</c>,
    /// <c>$sort</c> by the sum descending and the group ascending (binary, as ordinal), <c>$limit</c>; the
    /// grouping may spill to disk rather than fail at MongoDB's 100 MB limit.
    /// </summary>
    public Task<IReadOnlyList<ReadSum>> TopSumsAsync(ReadFilter filter, string groupField, string sumField, int take, CancellationToken cancellationToken = default) => GuardAsync(async () =>
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        await EnsureSetUpAsync(cancellationToken);
        var group = FieldNames.ToElementName(groupField);
        var match = new BsonDocument("$and", new BsonArray { Render(filter), new BsonDocument(group, new BsonDocument { { "$exists", true }, { "$ne", BsonNull.Value } }) });
        BsonDocument[] pipeline =
        [
            new("$match", match),
            new("$group", new BsonDocument { { "_id", "$" + group }, { "sum", new BsonDocument("$sum", "$" + FieldNames.ToElementName(sumField)) } }),
            new("$sort", new BsonDocument { { "sum", -1 }, { "_id", 1 } }),
            new("$limit", take),
        ];
        var results = await _collection.Aggregate<BsonDocument>(pipeline, new AggregateOptions { AllowDiskUse = true }, cancellationToken).ToListAsync(cancellationToken);
        IReadOnlyList<ReadSum> sums = [.. results.Select(r => new ReadSum(r["_id"].ToString()!, r["sum"].ToInt64()))];
        return sums;
    });

    /// <summary>
    /// The documents after <paramref name="after"/> in the order of <paramref name="sort"/> (the field,
    /// then <c>_id</c> ascending): <c>$or: [{f: {$gt: v}}, {f: v, _id: {$gt: id}}]</c> ascending, <c>$lt</c>
    /// descending, which the sort's index answers as bounded ranges of its keys. A comparison operator
    /// matches only values of its operand's BSON type, and null and missing sort below every value, so
    /// the stretch of nulls is its own branch: <c>{f: null}</c> matches both, as the sort groups them.
    /// </summary>
    internal BsonDocument RenderAfter(ReadSort sort, ReadPosition after)
    {
        var id = Value(nameof(IReadDocument.Id), after.Id);
        if (sort.Field == nameof(IReadDocument.Id))
        {
            return new BsonDocument("_id", new BsonDocument(sort.Descending ? "$lt" : "$gt", id));
        }

        var field = FieldNames.ToElementName(sort.Field);
        var laterId = new BsonDocument("$gt", id);
        if (after.Value is null)
        {
            var nulls = new BsonDocument { { field, BsonNull.Value }, { "_id", laterId } };
            return sort.Descending
                ? nulls
                : new BsonDocument("$or", new BsonArray { nulls, new BsonDocument(field, new BsonDocument("$ne", BsonNull.Value)) });
        }

        var value = Value(sort.Field, after.Value);
        var branches = new BsonArray
        {
            new BsonDocument(field, new BsonDocument(sort.Descending ? "$lt" : "$gt", value)),
            new BsonDocument { { field, value }, { "_id", laterId } },
        };
        if (sort.Descending)
        {
            branches.Add(new BsonDocument(field, BsonNull.Value));
        }

        return new BsonDocument("$or", branches);
    }

    /// <summary>The filter as MongoDB receives it, each value serialised by the serializer of the field it is compared with.</summary>
    internal BsonDocument Render(ReadFilter filter) => filter switch
    {
        AndFilter { Filters.Count: 0 } => [],
        AndFilter { Filters.Count: 1 } and => Render(and.Filters[0]),
        AndFilter and => new BsonDocument("$and", new BsonArray(and.Filters.Select(Render))),
        ComparisonFilter c => new BsonDocument(FieldNames.ToElementName(c.Field), new BsonDocument(Operator(c.Operator), Value(c.Field, c.Value))),
        InFilter i => new BsonDocument(FieldNames.ToElementName(i.Field), new BsonDocument("$in", new BsonArray(i.Values.Select(v => Value(i.Field, v))))),
        ContainsFilter s => new BsonDocument(FieldNames.ToElementName(s.Field), new BsonDocument("$regex", new BsonRegularExpression(Regex.Escape(s.Value)))),

        // {f: {$eq: item}} matches an array holding the item; {f: {$ne: item}} one holding none, and a missing field.
        ArrayHasFilter a => new BsonDocument(FieldNames.ToElementName(a.Field), new BsonDocument("$eq", Item(a.Field, a.Value))),
        ArrayLacksFilter a => new BsonDocument(FieldNames.ToElementName(a.Field), new BsonDocument("$ne", Item(a.Field, a.Value))),
        _ => throw new NotSupportedException(filter.GetType().Name),
    };

    /// <summary>
    /// The update as MongoDB receives it: <c>$inc</c>, <c>$set</c>, <c>$addToSet</c> and <c>$pull</c>, each value
    /// serialised as the document's own field (or, for <c>$addToSet</c> and <c>$pull</c>, the field's items) is, so that what an update
    /// stores compares, sorts and is indexed like what a whole-document write stores. A created document
    /// gets version 0 (<c>$setOnInsert</c>), as the SQLite adapter's does, unless the update sets the version.
    /// </summary>
    internal BsonDocument RenderUpdate(ReadUpdate update, bool upsert)
    {
        var increments = new BsonDocument();
        var sets = new BsonDocument();
        var additions = new BsonDocument();
        var pulls = new BsonDocument();
        foreach (var operation in update.Operations)
        {
            var name = FieldNames.ToElementName(operation.Field);
            switch (operation)
            {
                case IncrementOperation i:
                    // An int field stays an Int32: $inc with an Int64 would widen the stored type.
                    increments[name] = Member(operation.Field)?.Serializer.ValueType == typeof(int) ? new BsonInt32(checked((int)i.By)) : new BsonInt64(i.By);
                    break;
                case SetOperation set:
                    sets[name] = Value(operation.Field, set.Value);
                    break;
                case AddToSetOperation add:
                    additions[name] = Item(operation.Field, add.Value);
                    break;
                case PullOperation pull:
                    pulls[name] = Item(operation.Field, pull.Value);
                    break;
                default:
                    throw new NotSupportedException(operation.GetType().Name);
            }
        }

        var rendered = new BsonDocument();
        if (increments.ElementCount > 0)
        {
            rendered["$inc"] = increments;
        }

        if (sets.ElementCount > 0)
        {
            rendered["$set"] = sets;
        }

        if (additions.ElementCount > 0)
        {
            rendered["$addToSet"] = additions;
        }

        if (pulls.ElementCount > 0)
        {
            rendered["$pull"] = pulls;
        }

        if (upsert && update.Operations.All(o => o.Field != nameof(IReadDocument.Version)))
        {
            rendered["$setOnInsert"] = new BsonDocument("version", Value(nameof(IReadDocument.Version), 0L));
        }

        return rendered;
    }

    /// <summary>The index's keys; a single-field index keeps the name it always had (its element name).</summary>
    internal static (BsonDocument Keys, string Name) Definition(ReadIndex index)
    {
        var keys = new BsonDocument(index.Keys.Select(k => new BsonElement(FieldNames.ToElementName(k.Field), k.Descending ? -1 : 1)));
        var name = index.Keys.Count == 1
            ? FieldNames.ToElementName(index.Field)
            : string.Join('_', keys.Select(k => $"{k.Name}_{k.Value}"));
        return (keys, name);
    }

    private async Task CreateIndexesAsync()
    {
        var models = _indexes
            .Where(i => i.Keys is not [{ Field: nameof(IReadDocument.Id) }])
            .Select(i => (Index: i, Definition: Definition(i)))
            .Select(i => new CreateIndexModel<TDocument>(
                new BsonDocumentIndexKeysDefinition<TDocument>(i.Definition.Keys),
                new CreateIndexOptions { Unique = i.Index.Unique, Name = i.Definition.Name }))
            .ToList();
        if (models.Count > 0)
        {
            await GuardAsync(async () => await _collection.Indexes.CreateManyAsync(models));
        }
    }

    /// <summary>The filter (the id as a plain equality, which an upsert copies into the document it creates, and the condition) and the update.</summary>
    private (FilterDefinition<TDocument> Filter, UpdateDefinition<TDocument> Update) UpdateDefinition(string id, ReadUpdate update, ReadFilter? condition, bool upsert)
    {
        update.EnsureValid();
        if (upsert)
        {
            ReadUpdate.EnsureUpsertCondition(condition);
        }

        var filter = Builders<TDocument>.Filter.And(Builders<TDocument>.Filter.Eq("_id", id), Filter(condition ?? ReadFilter.All));
        return (filter, new BsonDocumentUpdateDefinition<TDocument>(RenderUpdate(update, upsert)));
    }

    private async Task<TDocument?> FindOneAndUpdateAsync(FilterDefinition<TDocument> filter, UpdateDefinition<TDocument> update, bool upsert, CancellationToken cancellationToken)
    {
        var options = new FindOneAndUpdateOptions<TDocument> { IsUpsert = upsert, ReturnDocument = ReturnDocument.After };
        try
        {
            return await _collection.FindOneAndUpdateAsync(filter, update, options, cancellationToken);
        }
        catch (MongoException ex) when (DuplicateKeyMessage(ex) is { } message && (!upsert || IndexOf(message) != IdIndexName))
        {
            throw new UniqueIndexViolationException($"'{Name}': {message}", ex);
        }
    }

    /// <summary>The message of a duplicate-key failure, whether the driver reports it as a write error (updates) or a command error (findAndModify).</summary>
    private static string? DuplicateKeyMessage(MongoException exception) => exception switch
    {
        MongoWriteException { WriteError.Code: DuplicateKey } write => write.WriteError.Message,
        MongoCommandException { Code: DuplicateKey } command => command.ErrorMessage,
        _ => null,
    };

    /// <summary>A replace that another unique index refuses is the caller's conflict, reported the same way by both adapters.</summary>
    private async Task<ReplaceOneResult> ReplaceAsync(FilterDefinition<TDocument> filter, TDocument document, CancellationToken cancellationToken)
    {
        try
        {
            return await _collection.ReplaceOneAsync(filter, document, cancellationToken: cancellationToken);
        }
        catch (MongoWriteException ex) when (ex.WriteError?.Code == DuplicateKey)
        {
            throw new UniqueIndexViolationException($"'{Name}': {ex.WriteError.Message}", ex);
        }
    }

    private FilterDefinition<TDocument> Filter(ReadFilter filter) => new BsonDocumentFilterDefinition<TDocument>(Render(filter));

    /// <summary>
    /// Serialised as the document's own field is (an enum as its stored string, a Guid in the registered
    /// representation, an instant as the field's BSON type), so that a comparison matches what was
    /// stored; a value of another type than the field (an int for a long) goes as its natural BSON value,
    /// which MongoDB compares by value.
    /// </summary>
    private BsonValue Value(string field, object? value)
    {
        if (value is null)
        {
            return BsonNull.Value;
        }

        if (_serializer is not null
            && _serializer.TryGetMemberSerializationInfo(field, out var member)
            && member.Serializer.ValueType.IsInstanceOfType(value))
        {
            return member.SerializeValue(value);
        }

        return BsonValue.Create(value);
    }

    private BsonSerializationInfo? Member(string field) =>
        _serializer is not null && _serializer.TryGetMemberSerializationInfo(field, out var member) ? member : null;

    /// <summary>An item of an array field, serialised as the field's items are.</summary>
    private BsonValue Item(string field, object value) =>
        Member(field)?.Serializer is IBsonArraySerializer array
            && array.TryGetItemSerializationInfo(out var item)
            && item.Serializer.ValueType.IsInstanceOfType(value)
            ? item.SerializeValue(value)
            : BsonValue.Create(value);

    private static string Operator(ComparisonOperator comparison) => comparison switch
    {
        ComparisonOperator.Eq => "$eq",
        ComparisonOperator.Gt => "$gt",
        ComparisonOperator.Gte => "$gte",
        ComparisonOperator.Lt => "$lt",
        ComparisonOperator.Lte => "$lte",
        _ => throw new NotSupportedException(comparison.ToString()),
    };

    /// <summary>The index named by a duplicate-key error ("E11000 duplicate key error collection: db.c index: _id_ dup key: …").</summary>
    internal static string? IndexOf(string? message) =>
        message is not null && DuplicateKeyIndex().Match(message) is { Success: true } match ? match.Groups["index"].Value : null;

    private async Task<T> GuardAsync<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (Exception ex) when (MongoFailures.IsUnavailable(ex))
        {
            throw new ReadStoreUnavailableException($"MongoDB collection '{_collection.CollectionNamespace.FullName}' cannot be reached right now.", ex);
        }
    }

    private async Task GuardAsync(Func<Task> operation) => await GuardAsync(async () =>
    {
        await operation();
        return true;
    });

    [GeneratedRegex(@"index: (?<index>\S+) dup key")]
    private static partial Regex DuplicateKeyIndex();
}
