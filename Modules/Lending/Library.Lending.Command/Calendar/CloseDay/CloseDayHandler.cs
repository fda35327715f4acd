using Library.BuildingBlocks.Persistence;
using Library.BuildingBlocks.Results;
using Library.Lending.Command.Infrastructure;
using Library.Lending.Contracts;
using Mediator;

namespace Library.Lending.Command.Calendar.CloseDay;

/// <summary>
/// On the calendar's locked row, so concurrent changes run one after the other and each event carries
/// the calendar as its change left it, with the next version. Closing a day again for the same reason
/// changes nothing and publishes nothing.
/// </summary>
internal sealed class CloseDayHandler(
    LendingDbContext db,
    CommandUnitOfWork<LendingDbContext> unitOfWork,
    TimeProvider clock) : ICommandHandler<CloseDayCommand, Result<ClosedDayResponse>>
{
    public async ValueTask<Result<ClosedDayResponse>> Handle(CloseDayCommand command, CancellationToken cancellationToken) =>
        await unitOfWork.ExecuteAsync<Result<ClosedDayResponse>>(async (outbox, ct) =>
        {
            var calendar = await db.LockCalendarAsync(ct);
            var now = clock.GetUtcNow();
            if (calendar.Close(command.Date, command.Reason!, command.Actor, now))
            {
                outbox.Add(LendingTopics.CalendarChanged, CalendarDates.ChangedEvent(calendar, command.Actor, now));
            }

            return new ClosedDayResponse(command.Date, command.Reason!.Trim(), calendar.Version);
        }, cancellationToken);
}
