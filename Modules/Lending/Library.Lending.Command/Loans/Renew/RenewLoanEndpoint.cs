using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Library.Lending.Command.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using LendingMediator = Library.Lending.Command.Messaging.Mediator;

namespace Library.Lending.Command.Loans.Renew;

/// <summary>A bodiless action on a loan; If-Match is honoured when sent.</summary>
internal static class RenewLoanEndpoint
{
    public static void MapRenewLoan(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/loans/{loanId}/renewal", async (string loanId, LendingMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var target = ChangeTarget.Parse(loanId, http.Request, ifMatchRequired: false, LendingErrors.LoanNotFound);
                if (!target.IsSuccess)
                {
                    return target.Error.ToProblem();
                }

                return (await mediator.Send(new RenewLoanCommand(target.Value.Id, target.Value.ExpectedVersion, http.GetCaller()!), ct)).ToVersionedOk(http.Response, renewed => renewed.Version);
            })
            .WithName("RenewLoan")
            .RequirePolicy(LibraryPolicies.SignedIn)
            .WithSummary("Renew a loan")
            .WithDescription("Adds the loan period to the current due date. 409 loan.overdue, loan.renewal_limit_reached, loan.already_returned, loan.lost.")
            .Produces<RenewLoanResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
}
