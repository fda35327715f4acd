using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Library.Lending.Command.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using LendingMediator = Library.Lending.Command.Messaging.Mediator;

namespace Library.Lending.Command.Fines.PayFine;

internal static class PayFineEndpoint
{
    public static void MapPayFine(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/fines/{fineId}/payments", async (string fineId, PayFineRequest body, LendingMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var target = ChangeTarget.Parse(fineId, http.Request, ifMatchRequired: false, LendingErrors.FineNotFound);
                if (!target.IsSuccess)
                {
                    return target.Error.ToProblem();
                }

                return (await mediator.Send(new PayFineCommand(target.Value.Id, target.Value.ExpectedVersion, body.AmountCents, http.Actor()), ct))
                    .ToVersionedOk(http.Response, fine => fine.Version);
            })
            .WithName("PayFine")
            .RequirePolicy(LibraryPolicies.Staff)
            .WithSummary("Pay a fine, partly or fully")
            .WithDescription("amountCents > 0 and not more than the balance: 409 fine.payment_exceeds_balance, fine.settled.")
            .Produces<FineBalanceResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
}
