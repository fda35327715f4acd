using System.Globalization;
using Library.BuildingBlocks.Contracts;
using Library.BuildingBlocks.Results;
using Library.Lending.Command.Domain;
using Library.Lending.Contracts;

namespace Library.Lending.Command.Calendar;

/// <summary>A closed day as the API shows it; <paramref name="CalendarVersion"/> is the calendar's version after the change.</summary>
internal sealed record ClosedDayResponse(DateOnly Date, string Reason, long CalendarVersion);

internal sealed record CalendarChangeResponse(long CalendarVersion);

internal sealed record ClosedDaysResponse(IReadOnlyList<ClosedDayEntry> ClosedDays, long CalendarVersion);

internal sealed record ClosedDayEntry(DateOnly Date, string Reason);

internal static class CalendarDates
{
    /// <summary><c>calendar.changed</c> for the calendar as a change left it: every closed day and the new version.</summary>
    public static CalendarChanged ChangedEvent(LibraryCalendar calendar, Actor by, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now), now, by, calendar.Version, calendar.ToSnapshot());

    /// <summary>The furthest ahead a closed day may be set: calendars are planned a few years out, not forever.</summary>
    public const int MaxYearsAhead = 5;

    public static readonly DateOnly Earliest = new(2000, 1, 1);

    /// <summary>A date in the path, as ISO 8601 (<c>yyyy-MM-dd</c>) only.</summary>
    public static Result<DateOnly> Parse(string date) =>
        DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? parsed
            : LendingErrors.InvalidCalendarDate(date);
}
