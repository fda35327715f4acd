using System.Globalization;
using DotNetCore.CAP;
using Library.BuildingBlocks.ReadStore;
using Library.Lending.Contracts;
using Library.Lending.Query.ReadModel;

namespace Library.Lending.Query.Projections;

/// <summary>Keeps the copy of the calendar the accrued fines are computed with; a full snapshot by version, so order and duplicates do not matter.</summary>
internal sealed class CalendarProjection(IReadStore<CalendarDocument> calendars) : ICapSubscribe
{
    [CapSubscribe(LendingTopics.CalendarChanged, Group = LoanProjection.Group)]
    public Task On(CalendarChanged message, CancellationToken cancellationToken) =>
        calendars.UpsertIfNewerAsync(
            new CalendarDocument
            {
                Version = message.Version,
                ClosedDays =
                [
                    .. message.ClosedDays.Select(d => new ClosedDayItem
                    {
                        Date = d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        Reason = d.Reason,
                    }),
                ],
            },
            cancellationToken);
}
