namespace Library.BuildingBlocks.ReadStore;

/// <summary>
/// Whether a declared index serves a query's sort, by MongoDB's rule: the index scanned forwards or
/// backwards yields the documents in the sort order (the sort field, then <c>_id</c>), after a prefix
/// of fields the query fixes by equality. A sort no index serves is done in memory, over every
/// matching document, on each request: the adapters refuse it where
/// <see cref="ReadStoreOptions.RequireIndexedSorts"/> is set (the tests), so a handler's new sort
/// cannot ship without its index.
/// </summary>
internal static class SortIndexes
{
    public static bool Serves(IReadOnlyList<ReadIndex> indexes, ReadQuery query)
    {
        if (query.Sort is not { } sort || sort.Field == nameof(IReadDocument.Id))
        {
            return true;
        }

        var fixedFields = EqualityFields(query.Filter).ToHashSet(StringComparer.Ordinal);
        foreach (var index in indexes)
        {
            var keys = index.Keys;
            var position = 0;
            while (position < keys.Count && keys[position].Field != sort.Field && fixedFields.Contains(keys[position].Field))
            {
                position++;
            }

            if (position + 1 < keys.Count
                && keys[position].Field == sort.Field
                && keys[position + 1].Field == nameof(IReadDocument.Id)
                && (keys[position].Descending == sort.Descending) == !keys[position + 1].Descending)
            {
                return true;
            }
        }

        return false;
    }

    public static void EnsureServed(IReadOnlyList<ReadIndex> indexes, ReadQuery query, string collection)
    {
        if (!Serves(indexes, query))
        {
            throw new InvalidOperationException(
                $"No index of '{collection}' serves the sort by {query.Sort} with equality on [{string.Join(", ", EqualityFields(query.Filter))}]: " +
                "declare ReadIndex.Sorted(sort, equalityFields...) for it.");
        }
    }

    private static IEnumerable<string> EqualityFields(ReadFilter filter) => filter switch
    {
        AndFilter and => and.Filters.SelectMany(EqualityFields),
        ComparisonFilter { Operator: ComparisonOperator.Eq } c => [c.Field],
        InFilter { Values.Count: 1 } i => [i.Field],
        _ => [],
    };
}
