using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using LendingMediator = Library.Lending.Command.Messaging.Mediator;

namespace Library.Lending.Command.Holds.PlaceHold;

internal static class PlaceHoldEndpoint
{
    public static void MapPlaceHold(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/holds", async (PlaceHoldRequest body, LendingMediator mediator, HttpContext http, CancellationToken ct) =>
            (await mediator.Send(PlaceHoldCommand.From(body, http.GetCaller()!), ct)).ToHttpResult(hold =>
            {
                http.Response.SetETag(hold.Version);
                return TypedResults.Created($"/api/holds/{hold.HoldId}", hold);
            }))
            .WithName("PlaceHold")
            .RequirePolicy(LibraryPolicies.SignedIn)
            .WithSummary("Place a hold on a title")
            .WithDescription("""
                Joins the title's queue (first come, first served); a reader places holds for themself only.
                When a copy is checked in it is trapped for the first waiting hold, which becomes ready until
                pickupBy. 404 reader.not_found / book.not_found; 409 hold.already_held, hold.limit_reached,
                reader.suspended, reader.erased, reader.erasure_pending, reader.loan_limit_reached,
                reader.has_overdue_loans, reader.owes_fines.
                """)
            .Produces<PlaceHoldResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
