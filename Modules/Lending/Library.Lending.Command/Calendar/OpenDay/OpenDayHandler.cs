using Library.BuildingBlocks.Persistence;
using Library.BuildingBlocks.Results;
using Library.Lending.Command.Infrastructure;
using Library.Lending.Contracts;
using Mediator;

namespace Library.Lending.Command.Calendar.OpenDay;

/// <summary>On the calendar's locked row, as <see cref="CloseDay.CloseDayHandler"/>.</summary>
internal sealed class OpenDayHandler(
    LendingDbContext db,
    CommandUnitOfWork<LendingDbContext> unitOfWork,
    TimeProvider clock) : ICommandHandler<OpenDayCommand, Result<CalendarChangeResponse>>
{
    public async ValueTask<Result<CalendarChangeResponse>> Handle(OpenDayCommand command, CancellationToken cancellationToken) =>
        await unitOfWork.ExecuteAsync<Result<CalendarChangeResponse>>(async (outbox, ct) =>
        {
            var calendar = await db.LockCalendarAsync(ct);
            var now = clock.GetUtcNow();
            var opened = calendar.Open(command.Date, now);
            if (!opened.IsSuccess)
            {
                return opened.Error;
            }

            outbox.Add(LendingTopics.CalendarChanged, CalendarDates.ChangedEvent(calendar, command.Actor, now));
            return new CalendarChangeResponse(calendar.Version);
        }, cancellationToken);
}
