namespace Library.BuildingBlocks.ReadStore;

/// <summary>
/// A small, adapter-neutral update language for <see cref="IReadStore{TDocument}.UpdateAsync"/>: what each
/// adapter runs natively in one statement (MongoDB <c>$inc</c>, <c>$set</c>, <c>$addToSet</c>, <c>$pull</c>;
/// SQLite <c>json_set</c>, <c>json_replace</c>), so a counter costs one write instead of a read and a compare-and-set. Field names are
/// the C# property names of the document, as in <see cref="ReadFilter"/>. Each field at most once per
/// update (MongoDB refuses two operators on one path), and never the id.
/// </summary>
public sealed record ReadUpdate
{
    private ReadUpdate(IReadOnlyList<ReadUpdateOperation> operations) => Operations = operations;

    public IReadOnlyList<ReadUpdateOperation> Operations { get; }

    /// <summary>Adds <paramref name="by"/> (negative to subtract) to a whole-number field; a missing or null field counts as 0.</summary>
    public static ReadUpdate Increment(string field, long by = 1) => new([new IncrementOperation(field, by)]);

    /// <summary>Sets a field to <paramref name="value"/>, stored as a whole-document write would store it.</summary>
    public static ReadUpdate Set(string field, object? value) => new([new SetOperation(field, value)]);

    /// <summary>Appends <paramref name="value"/> to an array field unless it holds it already; a missing field becomes <c>[value]</c>.</summary>
    public static ReadUpdate AddToSet(string field, object value) => new([new AddToSetOperation(field, value)]);

    /// <summary>
    /// Removes every item equal to <paramref name="value"/> from an array field; a missing field stays
    /// missing. For arrays of scalar items (strings, numbers): SQLite compares items as
    /// <see cref="ReadFilter.ArrayHas"/> does, which would not match an object item the way MongoDB does.
    /// </summary>
    public static ReadUpdate Pull(string field, object value) => new([new PullOperation(field, value)]);

    /// <summary>All operations of <paramref name="updates"/>, applied together and atomically.</summary>
    public static ReadUpdate Combine(params ReadUpdate[] updates) => new([.. updates.SelectMany(u => u.Operations)]);

    public ReadUpdate AndSet(string field, object? value) => Combine(this, Set(field, value));

    public ReadUpdate AndIncrement(string field, long by = 1) => Combine(this, Increment(field, by));

    public ReadUpdate AndAddToSet(string field, object value) => Combine(this, AddToSet(field, value));

    public ReadUpdate AndPull(string field, object value) => Combine(this, Pull(field, value));

    /// <summary>Throws when the update names the id or one field twice, which no adapter could run as one statement.</summary>
    internal void EnsureValid()
    {
        ArgumentOutOfRangeException.ThrowIfZero(Operations.Count);
        var fields = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in Operations)
        {
            if (operation.Field == nameof(IReadDocument.Id))
            {
                throw new ArgumentException("An update cannot change a document's id.");
            }

            if (!fields.Add(operation.Field))
            {
                throw new ArgumentException($"An update names '{operation.Field}' more than once.");
            }
        }
    }

    /// <summary>
    /// MongoDB copies a condition's equality comparisons into a document an upsert creates, which the
    /// other adapter would not: so an upsert's condition may use only comparisons that copy nothing.
    /// </summary>
    internal static void EnsureUpsertCondition(ReadFilter? condition)
    {
        switch (condition)
        {
            case null:
                return;
            case AndFilter and:
                foreach (var filter in and.Filters)
                {
                    EnsureUpsertCondition(filter);
                }

                return;
            case ComparisonFilter { Operator: ComparisonOperator.Eq }:
            case InFilter:
            case ArrayHasFilter:
                throw new ArgumentException("An upsert's condition cannot compare a field for equality (MongoDB would copy it into the new document).");
            default:
                return;
        }
    }
}

public abstract record ReadUpdateOperation(string Field);

public sealed record IncrementOperation(string Field, long By) : ReadUpdateOperation(Field);

public sealed record SetOperation(string Field, object? Value) : ReadUpdateOperation(Field);

public sealed record AddToSetOperation(string Field, object Value) : ReadUpdateOperation(Field);

public sealed record PullOperation(string Field, object Value) : ReadUpdateOperation(Field);
