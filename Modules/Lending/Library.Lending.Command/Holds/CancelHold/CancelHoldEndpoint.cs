using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Library.Lending.Command.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using LendingMediator = Library.Lending.Command.Messaging.Mediator;

namespace Library.Lending.Command.Holds.CancelHold;

/// <summary>If-Match is honoured when sent: a desk cancelling what it saw, not a hold that became ready since.</summary>
internal static class CancelHoldEndpoint
{
    public static void MapCancelHold(this IEndpointRouteBuilder routes) =>
        routes.MapDelete("/api/holds/{holdId}", async (string holdId, LendingMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var target = ChangeTarget.Parse(holdId, http.Request, ifMatchRequired: false, LendingErrors.HoldNotFound);
                if (!target.IsSuccess)
                {
                    return target.Error.ToProblem();
                }

                return (await mediator.Send(new CancelHoldCommand(target.Value.Id, target.Value.ExpectedVersion, http.GetCaller()!), ct))
                    .ToVersionedOk(http.Response, cancelled => cancelled.Version);
            })
            .WithName("CancelHold")
            .RequirePolicy(LibraryPolicies.SignedIn)
            .WithSummary("Cancel a hold")
            .WithDescription("""
                By the hold's reader or staff. A ready hold's copy goes to the next waiting hold or back to the
                shelf (releasedTo). 404 hold.not_found; 409 hold.closed (already fulfilled, cancelled or expired).
                """)
            .Produces<CancelHoldResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
}
