using Library.BuildingBlocks.Http;
using Library.Lending.Command.Domain;
using Library.Lending.Command.Loans.DeclareLost;
using Library.Lending.Command.Loans.Renew;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using LendingMediator = Library.Lending.Command.Messaging.Mediator;

namespace Library.Lending.Command.Loans;

/// <summary>Renewal and loss: bodiless actions on a loan, If-Match honoured when sent.</summary>
internal static class LoanActionEndpoints
{
    public static void MapLoanActions(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/loans/{loanId}/renewal", async (string loanId, LendingMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var target = ChangeTarget.Parse(loanId, http.Request, ifMatchRequired: false, LendingErrors.LoanNotFound);
                if (!target.IsSuccess)
                {
                    return target.Error!.ToProblem();
                }

                return (await mediator.Send(new RenewLoanCommand(target.Value.Id, target.Value.ExpectedVersion), ct)).ToHttpResult(renewed =>
                {
                    http.Response.SetETag(renewed.Version);
                    return TypedResults.Ok(renewed);
                });
            })
            .WithName("RenewLoan")
            .WithSummary("Renew a loan")
            .WithDescription("Adds the loan period to the current due date. 409 loan.overdue, loan.renewal_limit_reached, loan.already_returned, loan.lost.")
            .Produces<RenewLoanResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        routes.MapPost("/api/loans/{loanId}/lost", async (string loanId, LendingMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var target = ChangeTarget.Parse(loanId, http.Request, ifMatchRequired: false, LendingErrors.LoanNotFound);
                if (!target.IsSuccess)
                {
                    return target.Error!.ToProblem();
                }

                return (await mediator.Send(new DeclareLostCommand(target.Value.Id, target.Value.ExpectedVersion), ct)).ToHttpResult(lost =>
                {
                    http.Response.SetETag(lost.Version);
                    return TypedResults.Ok(lost);
                });
            })
            .WithName("DeclareLoanLost")
            .WithSummary("Declare a loan lost")
            .WithDescription("The copy becomes lost; a fine of the lost-item fee plus any overdue fine is assessed. 409 loan.already_returned, loan.lost.")
            .Produces<DeclareLostResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
    }
}
