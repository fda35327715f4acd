using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using LendingMediator = Library.Lending.Command.Messaging.Mediator;

namespace Library.Lending.Command.Calendar.OpenDay;

internal static class OpenDayEndpoint
{
    public static void MapOpenDay(this IEndpointRouteBuilder routes) =>
        routes.MapDelete("/api/calendar/closed-days/{date}", async (string date, LendingMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var day = CalendarDates.Parse(date);
                if (!day.IsSuccess)
                {
                    return day.Error.ToProblem();
                }

                return (await mediator.Send(new OpenDayCommand(day.Value, http.Actor()), ct)).ToHttpResult(TypedResults.Ok);
            })
            .WithName("OpenDay")
            .RequirePolicy(LibraryPolicies.Staff)
            .WithSummary("Open the library again on a closed day")
            .WithDescription("404 calendar.day_not_closed when the day is not closed.")
            .Produces<CalendarChangeResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
