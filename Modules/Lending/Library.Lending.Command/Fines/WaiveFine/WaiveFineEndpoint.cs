using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Library.Lending.Command.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using LendingMediator = Library.Lending.Command.Messaging.Mediator;

namespace Library.Lending.Command.Fines.WaiveFine;

internal static class WaiveFineEndpoint
{
    public static void MapWaiveFine(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/fines/{fineId}/waiver", async (string fineId, WaiveFineRequest body, LendingMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var target = ChangeTarget.Parse(fineId, http.Request, ifMatchRequired: false, LendingErrors.FineNotFound);
                if (!target.IsSuccess)
                {
                    return target.Error.ToProblem();
                }

                return (await mediator.Send(new WaiveFineCommand(target.Value.Id, target.Value.ExpectedVersion, body.Reason, http.Actor()), ct))
                    .ToVersionedOk(http.Response, fine => fine.Version);
            })
            .WithName("WaiveFine")
            .RequirePolicy(LibraryPolicies.Staff)
            .WithSummary("Waive what is left of a fine")
            .WithDescription("A reason is required. 409 fine.settled when nothing is left.")
            .Produces<FineBalanceResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
}
