using Library.BuildingBlocks.Contracts;
using Library.BuildingBlocks.Results;
using Library.Lending.Contracts;

namespace Library.Lending.Command.Domain;

/// <summary>
/// The library's one calendar: the days it is closed, each with a reason. A change bumps
/// <see cref="Version"/>, which <c>calendar.changed</c> carries with the whole calendar (ADR 0028).
/// Loans read only the dates (<see cref="ClosedDays"/>); a change is made on the calendar's locked row.
/// </summary>
internal sealed class LibraryCalendar
{
    public const int SingletonId = 1;
    public const int ReasonMaxLength = 200;

    private readonly List<ClosedDay> _closedDays = [];

    private LibraryCalendar()
    {
    }

    public int Id { get; private set; } = SingletonId;

    public long Version { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyList<ClosedDay> Days => _closedDays;

    /// <summary>Closes the library on <paramref name="date"/>, or changes the reason it is closed; false when it was closed for that very reason.</summary>
    public bool Close(DateOnly date, string reason, Actor by, DateTimeOffset now)
    {
        reason = reason.Trim();
        var existing = _closedDays.Find(d => d.Date == date);
        if (existing is not null && existing.Reason == reason)
        {
            return false;
        }

        if (existing is null)
        {
            _closedDays.Add(new ClosedDay(date, reason, by, now));
        }
        else
        {
            existing.Change(reason, by, now);
        }

        Changed(now);
        return true;
    }

    /// <summary>Opens the library again on <paramref name="date"/>.</summary>
    public Result Open(DateOnly date, DateTimeOffset now)
    {
        var existing = _closedDays.Find(d => d.Date == date);
        if (existing is null)
        {
            return LendingErrors.DayNotClosed(date);
        }

        _closedDays.Remove(existing);
        Changed(now);
        return Result.Success();
    }

    public IReadOnlyList<ClosedDaySnapshot> ToSnapshot() =>
        [.. _closedDays.OrderBy(d => d.Date).Select(d => new ClosedDaySnapshot(d.Date, d.Reason))];

    private void Changed(DateTimeOffset now)
    {
        Version++;
        UpdatedAt = now;
    }
}

/// <summary>A day the library is closed; part of the calendar, so who closed it is recorded with it.</summary>
internal sealed class ClosedDay
{
    public ClosedDay(DateOnly date, string reason, Actor by, DateTimeOffset now)
    {
        Date = date;
        Change(reason, by, now);
    }

    private ClosedDay()
    {
    }

    public DateOnly Date { get; private set; }

    public string Reason { get; private set; } = "";

    public DateTimeOffset ChangedAt { get; private set; }

    public Actor ChangedBy { get; private set; } = Actor.Anonymous;

    internal void Change(string reason, Actor by, DateTimeOffset now)
    {
        Reason = reason;
        ChangedBy = by;
        ChangedAt = now;
    }
}
