using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using LendingMediator = Library.Lending.Command.Messaging.Mediator;

namespace Library.Lending.Command.Calendar.CloseDay;

internal static class CloseDayEndpoint
{
    public static void MapCloseDay(this IEndpointRouteBuilder routes) =>
        routes.MapPut("/api/calendar/closed-days/{date}", async (string date, CloseDayRequest body, LendingMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var day = CalendarDates.Parse(date);
                if (!day.IsSuccess)
                {
                    return day.Error.ToProblem();
                }

                return (await mediator.Send(new CloseDayCommand(day.Value, body.Reason, http.Actor()), ct)).ToHttpResult(TypedResults.Ok);
            })
            .WithName("CloseDay")
            .RequirePolicy(LibraryPolicies.Staff)
            .WithSummary("Close the library on a day (or change why)")
            .WithDescription("date is yyyy-MM-dd (UTC). Loans checked out or renewed from now on are not due on it, and no closed day counts as a day late. Loans already out keep their due dates. Idempotent: the same reason again changes nothing.")
            .Produces<ClosedDayResponse>()
            .ProducesValidationProblem();
}
