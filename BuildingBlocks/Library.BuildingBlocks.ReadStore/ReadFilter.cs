namespace Library.BuildingBlocks.ReadStore;

/// <summary>
/// A small, adapter-neutral filter language: just what the query services need, so that both
/// adapters can honour every operator identically (the contract tests hold them to it).
/// String comparisons are exact; store a normalised copy of a field to search it case-insensitively.
/// Range comparisons (Gt, Gte, Lt, Lte) never match a null or missing field, as in MongoDB, so a
/// field set only while a condition holds (an open loan's due date) is both the filter and its index.
/// </summary>
public abstract record ReadFilter
{
    public static ReadFilter All { get; } = new AndFilter([]);

    public static ReadFilter Eq(string field, object? value) => new ComparisonFilter(field, ComparisonOperator.Eq, value);

    public static ReadFilter Gt(string field, object value) => new ComparisonFilter(field, ComparisonOperator.Gt, value);

    public static ReadFilter Gte(string field, object value) => new ComparisonFilter(field, ComparisonOperator.Gte, value);

    public static ReadFilter Lt(string field, object value) => new ComparisonFilter(field, ComparisonOperator.Lt, value);

    public static ReadFilter Lte(string field, object value) => new ComparisonFilter(field, ComparisonOperator.Lte, value);

    public static ReadFilter In(string field, IEnumerable<object> values) => new InFilter(field, [.. values]);

    /// <summary>Substring match, case-sensitive: search a normalised (lower-case) field.</summary>
    public static ReadFilter Contains(string field, string value) => new ContainsFilter(field, value);

    /// <summary>
    /// An array field holds <paramref name="value"/> as one of its items (an exact comparison of a whole
    /// item, unlike the substring <see cref="Contains"/>). Not in an upsert's condition: MongoDB would copy
    /// it into the document the upsert creates.
    /// </summary>
    public static ReadFilter ArrayHas(string field, object value) => new ArrayHasFilter(field, value);

    /// <summary>
    /// An array field holds no item equal to <paramref name="value"/>; a missing field holds none. Allowed
    /// in an upsert's condition (nothing of it is copied into a created document).
    /// </summary>
    public static ReadFilter ArrayLacks(string field, object value) => new ArrayLacksFilter(field, value);

    public static ReadFilter And(params ReadFilter[] filters) =>
        new AndFilter([.. filters.SelectMany(f => f is AndFilter and ? and.Filters : [f])]);
}

public enum ComparisonOperator
{
    Eq,
    Gt,
    Gte,
    Lt,
    Lte,
}

public sealed record ComparisonFilter(string Field, ComparisonOperator Operator, object? Value) : ReadFilter;

public sealed record InFilter(string Field, IReadOnlyList<object> Values) : ReadFilter;

public sealed record ContainsFilter(string Field, string Value) : ReadFilter;

public sealed record ArrayHasFilter(string Field, object Value) : ReadFilter;

public sealed record ArrayLacksFilter(string Field, object Value) : ReadFilter;

public sealed record AndFilter(IReadOnlyList<ReadFilter> Filters) : ReadFilter;
