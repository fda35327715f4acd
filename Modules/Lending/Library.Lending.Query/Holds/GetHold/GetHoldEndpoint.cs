using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using LendingQueryMediator = Library.Lending.Query.Messaging.Mediator;

namespace Library.Lending.Query.Holds.GetHold;

internal static class GetHoldEndpoint
{
    public static void MapGetHold(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/holds/{holdId}", async (string holdId, LendingQueryMediator mediator, HttpContext http, CancellationToken ct) =>
            (await mediator.Send(new GetHoldQuery(holdId, http.GetCaller()!), ct)).ToVersionedOk(http.Response, hold => hold.Version))
            .WithName("GetHold")
            .RequirePolicy(LibraryPolicies.SignedIn)
            .WithSummary("A hold with its status, place in the queue, and the copy waiting on the hold shelf when it is ready")
            .WithDescription("A reader reads only their own holds: another reader's answers 404 hold.not_found.")
            .Produces<HoldResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
