using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using LendingMediator = Library.Lending.Command.Messaging.Mediator;

namespace Library.Lending.Command.Calendar.GetClosedDays;

internal static class GetClosedDaysEndpoint
{
    public static void MapGetClosedDays(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/calendar/closed-days", async (DateOnly? from, DateOnly? to, LendingMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new GetClosedDaysQuery(from, to), ct)).ToHttpResult(TypedResults.Ok))
            .WithName("GetClosedDays")
            .RequirePolicy(LibraryPolicies.Staff)
            .WithSummary("The days the library is closed, oldest first")
            .WithDescription("from/to (yyyy-MM-dd) bound the dates, both inclusive; omit either for no bound.")
            .Produces<ClosedDaysResponse>()
            .ProducesValidationProblem();
}
