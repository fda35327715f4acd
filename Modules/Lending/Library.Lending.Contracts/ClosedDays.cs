namespace Library.Lending.Contracts;

/// <summary>
/// The days the library is closed, as UTC calendar dates (the one calendar of the library; statistics
/// months are UTC too). Immutable and sorted, so the questions the rules ask are binary searches: a
/// checkout asks whether a due date is closed, a fine how many closed days its lateness spans.
/// </summary>
public sealed class ClosedDays
{
    private readonly DateOnly[] _dates;

    public ClosedDays(IEnumerable<DateOnly> dates)
    {
        ArgumentNullException.ThrowIfNull(dates);
        _dates = [.. dates.Distinct().Order()];
    }

    /// <summary>A calendar without closed days.</summary>
    public static ClosedDays None { get; } = new([]);

    public IReadOnlyList<DateOnly> Dates => _dates;

    public static DateOnly DateOf(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    public bool IsClosed(DateOnly date) => Array.BinarySearch(_dates, date) >= 0;

    /// <summary>How many closed days fall in <paramref name="first"/> … <paramref name="last"/>, both inclusive; 0 for an empty stretch.</summary>
    public int CountBetween(DateOnly first, DateOnly last) =>
        last < first ? 0 : LowerBound(last.AddDays(1)) - LowerBound(first);

    /// <summary>
    /// <paramref name="due"/> moved on by whole days (the time of day kept) until it falls on an open day.
    /// Ends: every step passes one closed day, and there are finitely many.
    /// </summary>
    public DateTimeOffset NextOpen(DateTimeOffset due)
    {
        while (IsClosed(DateOf(due)))
        {
            due = due.AddDays(1);
        }

        return due;
    }

    /// <summary>The index of the first date not before <paramref name="date"/>.</summary>
    private int LowerBound(DateOnly date)
    {
        var index = Array.BinarySearch(_dates, date);
        return index >= 0 ? index : ~index;
    }
}
