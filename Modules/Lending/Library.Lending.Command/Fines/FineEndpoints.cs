using Library.BuildingBlocks.Http;
using Library.Lending.Command.Domain;
using Library.Lending.Command.Fines.PayFine;
using Library.Lending.Command.Fines.WaiveFine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using LendingMediator = Library.Lending.Command.Messaging.Mediator;

namespace Library.Lending.Command.Fines;

internal static class FineEndpoints
{
    public static void MapFines(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/fines/{fineId}/payments", async (string fineId, PayFineRequest body, LendingMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var target = ChangeTarget.Parse(fineId, http.Request, ifMatchRequired: false, LendingErrors.FineNotFound);
                if (!target.IsSuccess)
                {
                    return target.Error!.ToProblem();
                }

                return (await mediator.Send(new PayFineCommand(target.Value.Id, target.Value.ExpectedVersion, body.AmountCents), ct))
                    .ToHttpResult(fine => Answer(http, fine));
            })
            .WithName("PayFine")
            .WithSummary("Pay a fine, partly or fully")
            .WithDescription("amountCents > 0 and not more than the balance: 409 fine.payment_exceeds_balance, fine.settled.")
            .Produces<FineBalanceResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        routes.MapPost("/api/fines/{fineId}/waiver", async (string fineId, WaiveFineRequest body, LendingMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var target = ChangeTarget.Parse(fineId, http.Request, ifMatchRequired: false, LendingErrors.FineNotFound);
                if (!target.IsSuccess)
                {
                    return target.Error!.ToProblem();
                }

                return (await mediator.Send(new WaiveFineCommand(target.Value.Id, target.Value.ExpectedVersion, body.Reason), ct))
                    .ToHttpResult(fine => Answer(http, fine));
            })
            .WithName("WaiveFine")
            .WithSummary("Waive what is left of a fine")
            .WithDescription("A reason is required. 409 fine.settled when nothing is left.")
            .Produces<FineBalanceResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
    }

    private static Ok<FineBalanceResponse> Answer(HttpContext http, FineBalanceResponse fine)
    {
        http.Response.SetETag(fine.Version);
        return TypedResults.Ok(fine);
    }
}
