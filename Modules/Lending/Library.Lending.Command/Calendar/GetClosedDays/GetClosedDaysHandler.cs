using Library.BuildingBlocks.Results;
using Library.Lending.Command.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Library.Lending.Command.Calendar.GetClosedDays;

/// <summary>Read where it is owned, as the lending policy is: the calendar is small and the desk needs it exact.</summary>
internal sealed class GetClosedDaysHandler(LendingDbContext db) : IQueryHandler<GetClosedDaysQuery, Result<ClosedDaysResponse>>
{
    public async ValueTask<Result<ClosedDaysResponse>> Handle(GetClosedDaysQuery query, CancellationToken cancellationToken)
    {
        var from = query.From ?? DateOnly.MinValue;
        var to = query.To ?? DateOnly.MaxValue;
        var calendar = await db.Calendars.AsNoTracking().SingleAsync(cancellationToken);
        var days = await db.ClosedDays.AsNoTracking()
            .Where(d => d.Date >= from && d.Date <= to)
            .OrderBy(d => d.Date)
            .Select(d => new ClosedDayEntry(d.Date, d.Reason))
            .ToListAsync(cancellationToken);
        return new ClosedDaysResponse(days, calendar.Version);
    }
}
