using System.Globalization;
using Library.BuildingBlocks.ReadStore;
using Library.Lending.Contracts;

namespace Library.Lending.Query.ReadModel;

/// <summary>
/// The closed days as <see cref="OverdueRules"/> takes them, read from the calendar document on each
/// request (one small read) and parsed once per version, so a loan list does not parse the calendar per loan.
/// </summary>
internal sealed class CalendarCopy(IReadStore<CalendarDocument> calendars)
{
    // One reference, swapped whole, so concurrent requests never see a version with another version's days.
    private Parsed? _parsed;

    public async Task<ClosedDays> ClosedDaysAsync(CancellationToken cancellationToken)
    {
        if (await calendars.GetAsync(CalendarDocument.SingletonId, cancellationToken) is not { } calendar)
        {
            return ClosedDays.None;
        }

        if (_parsed is { } parsed && parsed.Version == calendar.Version)
        {
            return parsed.Days;
        }

        var days = new ClosedDays(calendar.ClosedDays.Select(d => DateOnly.ParseExact(d.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture)));
        _parsed = new Parsed(calendar.Version, days);
        return days;
    }

    private sealed record Parsed(long Version, ClosedDays Days);
}
