using System.Globalization;
using System.Text;

namespace Library.BuildingBlocks.ReadStore.Sqlite;

/// <summary>
/// The SQL of the filter language. Values are always parameters: the text of a statement depends only on
/// the filter's shape (fields, operators, the length of an IN list), so the statements each connection
/// keeps prepared are bounded by the code's shapes, not by the data.
/// </summary>
internal static class SqliteSql
{
    /// <summary>
    /// The SQL expression of a field: the id and version are columns, every other field is read from the
    /// JSON. An index on a field is an index on this very expression, which is what lets SQLite use it:
    /// the planner matches indexed expressions by their text, so everything here must build it the same way.
    /// </summary>
    public static string Field(string field) => field switch
    {
        nameof(IReadDocument.Id) => "id",
        nameof(IReadDocument.Version) => "version",

        // Field names are C# property names, so the path needs no quoting.
        _ => $"json_extract(doc, '$.{FieldNames.ToElementName(field)}')",
    };

    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>The WHERE condition of a filter, its parameters (<c>@f0</c>, <c>@f1</c>, …) added to <paramref name="parameters"/>.</summary>
    public static string Where(ReadFilter filter, List<object> parameters)
    {
        string Parameter(object? value)
        {
            parameters.Add(SqliteJson.Parameter(value));
            return "@f" + (parameters.Count - 1).ToString(CultureInfo.InvariantCulture);
        }

        return filter switch
        {
            AndFilter { Filters.Count: 0 } => "1",
            AndFilter { Filters.Count: 1 } and => Where(and.Filters[0], parameters),
            AndFilter and => "(" + string.Join(" AND ", and.Filters.Select(f => Where(f, parameters))) + ")",

            // "IS NULL" matches a missing field and a JSON null alike, as MongoDB's {field: null} does.
            ComparisonFilter { Operator: ComparisonOperator.Eq, Value: null } c => $"{Field(c.Field)} IS NULL",

            // A comparison with NULL is never true in SQL, so a range never matches a missing or null
            // field without anything added (LiteDB needed a lower bound for that).
            ComparisonFilter c => $"{Field(c.Field)} {Operator(c.Operator)} {Parameter(c.Value)}",
            InFilter { Values.Count: 0 } => "0",
            InFilter i when i.Values.Any(v => v is null) =>
                $"({Field(i.Field)} IS NULL OR {In(i.Field, i.Values.Where(v => v is not null).ToList(), Parameter)})",
            InFilter i => In(i.Field, i.Values, Parameter),

            // instr is an exact, case-sensitive substring test (LIKE would ignore ASCII case and treat % and _
            // as wildcards); a field that is not text is NULL or a number, which matches no search text.
            ContainsFilter s => $"instr({Field(s.Field)}, {Parameter(s.Value)}) > 0",

            // An item of the array, compared as a filter compares a field (json_each yields a string item as
            // text, a number as a number); a missing field has no items.
            ArrayHasFilter a => $"EXISTS (SELECT 1 FROM json_each(doc, {Path(a.Field)}) AS e WHERE e.value = {Parameter(a.Value)})",
            ArrayLacksFilter a => $"NOT EXISTS (SELECT 1 FROM json_each(doc, {Path(a.Field)}) AS e WHERE e.value = {Parameter(a.Value)})",
            _ => throw new NotSupportedException(filter.GetType().Name),
        };
    }

    /// <summary>
    /// The document <paramref name="current"/> (a SQL expression of the JSON) with <paramref name="update"/>
    /// applied, as one <c>json_set</c>: every value is computed from <paramref name="current"/>, which is
    /// right because an update names each field once. Values go as parameters, like the filter's, so the
    /// text depends on the update's shape only. A set or added value is the JSON the serializer writes for
    /// it (an enum's name, a Guid's text, a fixed-width instant), so it reads back, compares and is indexed
    /// exactly as a whole-document write of it would be.
    /// </summary>
    public static string Update(ReadUpdate update, string current, List<object> parameters)
    {
        string Parameter(object value)
        {
            parameters.Add(value);
            return "@f" + (parameters.Count - 1).ToString(CultureInfo.InvariantCulture);
        }

        string Json(object? value) => $"json({Parameter(SqliteJson.Serialize(value))})";

        var assignments = update.Operations.Where(o => o is not PullOperation).Select(operation =>
        {
            var path = Path(operation.Field);
            var value = operation switch
            {
                IncrementOperation i => $"coalesce(json_extract({current}, {path}), 0) + {Parameter(i.By)}",
                SetOperation set => Json(set.Value),

                // json() gives the array its JSON subtype, without which json_set would store it as a string.
                AddToSetOperation add =>
                    $"CASE WHEN EXISTS (SELECT 1 FROM json_each({current}, {path}) AS e WHERE e.value = {Parameter(SqliteJson.Parameter(add.Value))}) " +
                    $"THEN json(json_extract({current}, {path})) " +
                    $"ELSE json_insert(json(coalesce(json_extract({current}, {path}), '[]')), '$[#]', {Json(add.Value)}) END",
                _ => throw new NotSupportedException(operation.GetType().Name),
            };
            return $"{path}, {value}";
        }).ToList();
        var updated = assignments.Count == 0 ? current : $"json_set({current}, {string.Join(", ", assignments)})";

        // json_replace changes only a field that exists, so a pull from a missing field leaves it missing, as
        // MongoDB's $pull does. The array is rebuilt from the current one without the items equal to the
        // value, in order; json() gives the rebuilt array its JSON subtype, which a subquery does not keep.
        foreach (var pull in update.Operations.OfType<PullOperation>())
        {
            var path = Path(pull.Field);
            updated = $"json_replace({updated}, {path}, json((SELECT json_group_array(e.value ORDER BY e.key) FROM json_each({current}, {path}) AS e " +
                $"WHERE e.value IS NOT {Parameter(SqliteJson.Parameter(pull.Value))})))";
        }

        return updated;
    }

    /// <summary>
    /// The documents after <paramref name="after"/> in the order of <paramref name="sort"/>, as conditions
    /// to read one after another (each a contiguous stretch of the sort's index, each in index order),
    /// their parameters added to <paramref name="parameters"/>. Not the row value
    /// <c>(field, id) &gt; (?, ?)</c>: SQLite seeks a row value only on an index of plain columns, and on
    /// the index of a JSON expression it scans from the start (EXPLAIN QUERY PLAN says "SCAN … USING
    /// INDEX"), which is the cost of an offset again. A range on the expression alone is a seek, and the
    /// id test after it discards at most the documents tied with the position. A descending sort breaks
    /// ties by the id ascending, which no row value expresses anyway. A null sorts before every value,
    /// so the stretch of nulls is a condition of its own: an OR of it with the range would make SQLite
    /// give up the index order. Within the nulls the order is the id alone, and the stretch is ordered so
    /// (<c>NullsOnly</c>): SQLite does not take IS NULL as fixing the sort field, and would sort it in a
    /// temporary b-tree.
    /// </summary>
    public static IReadOnlyList<(string Condition, bool NullsOnly)> After(ReadSort sort, ReadPosition after, List<object> parameters)
    {
        string Parameter(object? value)
        {
            parameters.Add(SqliteJson.Parameter(value));
            return "@f" + (parameters.Count - 1).ToString(CultureInfo.InvariantCulture);
        }

        if (sort.Field == nameof(IReadDocument.Id))
        {
            return [(sort.Descending ? $"id < {Parameter(after.Id)}" : $"id > {Parameter(after.Id)}", false)];
        }

        var field = Field(sort.Field);
        return (after.Value, sort.Descending) switch
        {
            (null, false) => [($"({field} IS NULL AND id > {Parameter(after.Id)})", true), ($"{field} IS NOT NULL", false)],
            (null, true) => [($"({field} IS NULL AND id > {Parameter(after.Id)})", true)],
            ({ } value, false) => [($"({field} >= {Parameter(value)} AND ({field} > {Parameter(value)} OR id > {Parameter(after.Id)}))", false)],
            ({ } value, true) => [($"({field} <= {Parameter(value)} AND ({field} < {Parameter(value)} OR id > {Parameter(after.Id)}))", false), ($"{field} IS NULL", true)],
        };
    }

    /// <summary>The ORDER BY of a sort, with the id tie-break every adapter applies.</summary>
    public static string OrderBy(ReadSort? sort) => sort switch
    {
        null => "",
        { Field: nameof(IReadDocument.Id) } => sort.Descending ? " ORDER BY id DESC" : " ORDER BY id",
        _ => $" ORDER BY {Field(sort.Field)}{(sort.Descending ? " DESC" : "")}, id",
    };

    /// <summary>The name of a declared index: its table, keys, directions and uniqueness, so that a changed declaration is a new index.</summary>
    public static string IndexName(string table, ReadIndex index)
    {
        var name = new StringBuilder("ix_").Append(table);
        foreach (var key in index.Keys)
        {
            name.Append('_').Append(FieldNames.ToElementName(key.Field)).Append(key.Descending ? "_desc" : "");
        }

        return name.Append(index.Unique ? "_unique" : "").ToString();
    }

    public static string CreateIndex(string table, ReadIndex index) =>
        $"CREATE {(index.Unique ? "UNIQUE " : "")}INDEX IF NOT EXISTS {Identifier(IndexName(table, index))} ON {Identifier(table)} " +
        $"({string.Join(", ", index.Keys.Select(k => Field(k.Field) + (k.Descending ? " DESC" : "")))})";

    /// <summary>The JSON path of a field other than the id (field names are C# property names, so it needs no quoting).</summary>
    private static string Path(string field) => $"'$.{FieldNames.ToElementName(field)}'";

    private static string In(string field, IReadOnlyList<object> values, Func<object?, string> parameter) =>
        values.Count == 0 ? "0" : $"{Field(field)} IN ({string.Join(", ", values.Select(parameter))})";

    private static string Operator(ComparisonOperator comparison) => comparison switch
    {
        ComparisonOperator.Eq => "=",
        ComparisonOperator.Gt => ">",
        ComparisonOperator.Gte => ">=",
        ComparisonOperator.Lt => "<",
        ComparisonOperator.Lte => "<=",
        _ => throw new NotSupportedException(comparison.ToString()),
    };
}
