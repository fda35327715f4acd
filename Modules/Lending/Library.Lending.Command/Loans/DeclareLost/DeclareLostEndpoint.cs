using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Library.Lending.Command.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using LendingMediator = Library.Lending.Command.Messaging.Mediator;

namespace Library.Lending.Command.Loans.DeclareLost;

/// <summary>A bodiless action on a loan; If-Match is honoured when sent.</summary>
internal static class DeclareLostEndpoint
{
    public static void MapDeclareLost(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/loans/{loanId}/lost", async (string loanId, LendingMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var target = ChangeTarget.Parse(loanId, http.Request, ifMatchRequired: false, LendingErrors.LoanNotFound);
                if (!target.IsSuccess)
                {
                    return target.Error.ToProblem();
                }

                return (await mediator.Send(new DeclareLostCommand(target.Value.Id, target.Value.ExpectedVersion, http.Actor()), ct)).ToVersionedOk(http.Response, lost => lost.Version);
            })
            .WithName("DeclareLoanLost")
            .RequirePolicy(LibraryPolicies.Staff)
            .WithSummary("Declare a loan lost")
            .WithDescription("The copy becomes lost; a fine of the lost-item fee plus any overdue fine is assessed. 409 loan.already_returned, loan.lost.")
            .Produces<DeclareLostResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
}
