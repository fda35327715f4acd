using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Library.BuildingBlocks.ReadStore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Library.Benchmarks;

/// <summary>
/// An in-memory read-store backend the projections run against while a large store is seeded: the
/// projection code decides every document, and the result is then loaded into the real adapter in
/// bulk (<see cref="IReadStore{TDocument}.InsertManyAsync"/>). Same contract as the adapters for what
/// projections use; documents are copied in and out, as a real store would serialise them.
/// </summary>
internal sealed class StagingReadStoreProvider : IReadStoreProvider
{
    private readonly ConcurrentDictionary<(string Database, string Collection), IStagedCollection> _collections = new();

    public IReadStore<TDocument> Open<TDocument>(string database, string collection, IReadOnlyList<ReadIndex> indexes)
        where TDocument : class, IReadDocument =>
        (StagingReadStore<TDocument>)_collections.GetOrAdd((database, collection), key => new StagingReadStore<TDocument>(key.Database, key.Collection, indexes));

    public Task<HealthCheckResult> CheckHealthAsync(string database, CancellationToken cancellationToken) =>
        Task.FromResult(HealthCheckResult.Healthy());

    /// <summary>Writes every staged collection into <paramref name="target"/>; returns (collection, documents) in load order.</summary>
    public async Task<IReadOnlyList<(string Collection, int Documents)>> LoadIntoAsync(IReadStoreProvider target, CancellationToken cancellationToken)
    {
        var loaded = new List<(string, int)>();
        foreach (var collection in _collections.Values.OrderBy(c => c.Database, StringComparer.Ordinal).ThenBy(c => c.Collection, StringComparer.Ordinal))
        {
            loaded.Add(($"{collection.Database}.{collection.Collection}", await collection.LoadIntoAsync(target, cancellationToken)));
        }

        return loaded;
    }

    private interface IStagedCollection
    {
        string Database { get; }

        string Collection { get; }

        Task<int> LoadIntoAsync(IReadStoreProvider target, CancellationToken cancellationToken);
    }

    private sealed class StagingReadStore<TDocument>(string database, string collection, IReadOnlyList<ReadIndex> indexes) : IReadStore<TDocument>, IStagedCollection
        where TDocument : class, IReadDocument
    {
        private static readonly JsonSerializerOptions Json = new();
        private readonly ConcurrentDictionary<string, byte[]> _documents = new(StringComparer.Ordinal);

        public string Database => database;

        public string Collection => collection;

        public async Task<int> LoadIntoAsync(IReadStoreProvider target, CancellationToken cancellationToken)
        {
            var store = target.Open<TDocument>(database, collection, indexes);
            await store.InsertManyAsync(_documents.Values.Select(Deserialize), cancellationToken);
            return _documents.Count;
        }

        public Task<bool> UpsertIfNewerAsync(TDocument document, CancellationToken cancellationToken = default)
        {
            var serialized = JsonSerializer.SerializeToUtf8Bytes(document, Json);
            while (true)
            {
                if (!_documents.TryGetValue(document.Id, out var current))
                {
                    if (_documents.TryAdd(document.Id, serialized))
                    {
                        return Task.FromResult(true);
                    }

                    continue;
                }

                if (Deserialize(current).Version >= document.Version)
                {
                    return Task.FromResult(false);
                }

                if (_documents.TryUpdate(document.Id, serialized, current))
                {
                    return Task.FromResult(true);
                }
            }
        }

        public Task<bool> ReplaceIfAsync(TDocument document, ReadFilter condition, CancellationToken cancellationToken = default)
        {
            var serialized = JsonSerializer.SerializeToUtf8Bytes(document, Json);
            while (_documents.TryGetValue(document.Id, out var current))
            {
                if (!Matches(Deserialize(current), condition))
                {
                    return Task.FromResult(false);
                }

                if (_documents.TryUpdate(document.Id, serialized, current))
                {
                    return Task.FromResult(true);
                }
            }

            return Task.FromResult(false);
        }

        public async Task<bool> UpdateAsync(string id, ReadUpdate update, ReadFilter? condition = null, bool upsert = false, CancellationToken cancellationToken = default) =>
            await UpdateAndGetAsync(id, update, condition, upsert, cancellationToken) is not null;

        /// <summary>
        /// The statistics count by field (ADR 0025): the update applied to a copy and swapped in only if the
        /// stored document is still the one it was applied to, as the other writes here do. Checks no
        /// unique index, as the other writes here do not either.
        /// </summary>
        public Task<TDocument?> UpdateAndGetAsync(string id, ReadUpdate update, ReadFilter? condition = null, bool upsert = false, CancellationToken cancellationToken = default)
        {
            while (true)
            {
                if (!_documents.TryGetValue(id, out var current))
                {
                    if (!upsert)
                    {
                        return Task.FromResult<TDocument?>(null);
                    }

                    var created = Activator.CreateInstance<TDocument>();
                    Property(nameof(IReadDocument.Id)).SetValue(created, id);
                    Apply(created, update);
                    if (_documents.TryAdd(id, JsonSerializer.SerializeToUtf8Bytes(created, Json)))
                    {
                        return Task.FromResult<TDocument?>(created);
                    }

                    continue;
                }

                var document = Deserialize(current);
                if (condition is not null && !Matches(document, condition))
                {
                    return Task.FromResult<TDocument?>(null);
                }

                Apply(document, update);
                if (_documents.TryUpdate(id, JsonSerializer.SerializeToUtf8Bytes(document, Json), current))
                {
                    return Task.FromResult<TDocument?>(document);
                }
            }
        }

        public Task InsertManyAsync(IEnumerable<TDocument> documents, CancellationToken cancellationToken = default)
        {
            foreach (var document in documents)
            {
                if (!_documents.TryAdd(document.Id, JsonSerializer.SerializeToUtf8Bytes(document, Json)))
                {
                    throw new InvalidOperationException($"Document '{document.Id}' already exists.");
                }
            }

            return Task.CompletedTask;
        }

        public Task<TDocument?> GetAsync(string id, CancellationToken cancellationToken = default) =>
            Task.FromResult(_documents.TryGetValue(id, out var stored) ? Deserialize(stored) : null);

        public Task<IReadOnlyList<TDocument>> FindAsync(ReadQuery query, CancellationToken cancellationToken = default)
        {
            var matching = Matching(query.Filter);
            if (query.Sort is { } sort)
            {
                var property = Property(sort.Field);
                matching = sort.Descending
                    ? matching.OrderByDescending(d => property.GetValue(d)).ThenBy(d => d.Id, StringComparer.Ordinal)
                    : matching.OrderBy(d => property.GetValue(d)).ThenBy(d => d.Id, StringComparer.Ordinal);
            }

            IReadOnlyList<TDocument> page = [.. matching.Skip(query.Skip).Take(query.Take)];
            return Task.FromResult(page);
        }

        public Task<long> CountAsync(ReadFilter filter, CancellationToken cancellationToken = default) =>
            Task.FromResult((long)Matching(filter).Count());

        public Task<IReadOnlyList<ReadSum>> TopSumsAsync(ReadFilter filter, string groupField, string sumField, int take, CancellationToken cancellationToken = default)
        {
            var group = Property(groupField);
            var sum = Property(sumField);
            IReadOnlyList<ReadSum> sums =
            [
                .. Matching(filter)
                    .Select(d => (Group: group.GetValue(d) as string, Sum: Convert.ToInt64(sum.GetValue(d) ?? 0L, CultureInfo.InvariantCulture)))
                    .Where(d => d.Group is not null)
                    .GroupBy(d => d.Group!, StringComparer.Ordinal)
                    .Select(g => new ReadSum(g.Key, g.Sum(d => d.Sum)))
                    .OrderByDescending(s => s.Sum)
                    .ThenBy(s => s.Group, StringComparer.Ordinal)
                    .Take(take),
            ];
            return Task.FromResult(sums);
        }

        private IEnumerable<TDocument> Matching(ReadFilter filter) =>
            _documents.Values.Select(Deserialize).Where(d => Matches(d, filter));

        private static TDocument Deserialize(byte[] stored) => JsonSerializer.Deserialize<TDocument>(stored, Json)!;

        private static bool Matches(TDocument document, ReadFilter filter) => filter switch
        {
            AndFilter and => and.Filters.All(f => Matches(document, f)),
            // As the port says: a range never matches a missing value.
            ComparisonFilter { Operator: not ComparisonOperator.Eq } c when Property(c.Field).GetValue(document) is null => false,
            ComparisonFilter c => Compare(Property(c.Field).GetValue(document), c.Value) is var order && c.Operator switch
            {
                ComparisonOperator.Eq => order == 0,
                ComparisonOperator.Gt => order > 0,
                ComparisonOperator.Gte => order >= 0,
                ComparisonOperator.Lt => order < 0,
                ComparisonOperator.Lte => order <= 0,
                _ => throw new NotSupportedException(c.Operator.ToString()),
            },
            InFilter i => i.Values.Any(v => Compare(Property(i.Field).GetValue(document), v) == 0),
            ContainsFilter s => Property(s.Field).GetValue(document) is string text && text.Contains(s.Value, StringComparison.Ordinal),
            ArrayHasFilter a => Property(a.Field).GetValue(document) is IList items && items.Contains(a.Value),
            ArrayLacksFilter a => Property(a.Field).GetValue(document) is not IList items || !items.Contains(a.Value),
            _ => throw new NotSupportedException(filter.GetType().Name),
        };

        private static void Apply(TDocument document, ReadUpdate update)
        {
            foreach (var operation in update.Operations)
            {
                var property = Property(operation.Field);
                switch (operation)
                {
                    case IncrementOperation i:
                        var sum = Convert.ToInt64(property.GetValue(document) ?? 0L, CultureInfo.InvariantCulture) + i.By;
                        property.SetValue(document, Convert.ChangeType(sum, property.PropertyType, CultureInfo.InvariantCulture));
                        break;
                    case SetOperation set:
                        property.SetValue(document, set.Value);
                        break;
                    case AddToSetOperation add when property.GetValue(document) is IList items:
                        if (!items.Contains(add.Value))
                        {
                            items.Add(add.Value);
                        }

                        break;
                    case PullOperation pull when property.GetValue(document) is IList items:
                        while (items.Contains(pull.Value))
                        {
                            items.Remove(pull.Value);
                        }

                        break;
                    default:
                        throw new NotSupportedException($"{operation.GetType().Name} on {property.Name}.");
                }
            }
        }

        private static int Compare(object? stored, object? value) => (stored, value) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            (string a, string b) => string.CompareOrdinal(a, b),
            (IComparable a, _) => a.CompareTo(Convert.ChangeType(value, stored.GetType(), CultureInfo.InvariantCulture)),
            _ => throw new NotSupportedException($"Cannot compare {stored.GetType().Name}."),
        };

        private static PropertyInfo Property(string field) =>
            typeof(TDocument).GetProperty(field) ?? throw new NotSupportedException($"{typeof(TDocument).Name} has no property {field}.");
    }
}
