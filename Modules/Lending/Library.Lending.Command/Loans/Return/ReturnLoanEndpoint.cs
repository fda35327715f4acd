using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Library.Lending.Command.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using LendingMediator = Library.Lending.Command.Messaging.Mediator;

namespace Library.Lending.Command.Loans.Return;

internal static class ReturnLoanEndpoint
{
    public static void MapReturnLoan(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/loans/{loanId}/return", async (
                string loanId,
                ReturnLoanRequest? body,
                LendingMediator mediator,
                HttpContext http,
                CancellationToken ct) =>
            {
                var target = ChangeTarget.Parse(loanId, http.Request, ifMatchRequired: false, LendingErrors.LoanNotFound);
                if (!target.IsSuccess)
                {
                    return target.Error.ToProblem();
                }

                var command = new ReturnLoanCommand(target.Value.Id, target.Value.ExpectedVersion, body?.Comment, body?.OccurredAt, http.Actor());
                return (await mediator.Send(command, ct)).ToVersionedOk(http.Response, returned => returned.Version);
            })
            .WithName("ReturnLoan")
            .RequirePolicy(LibraryPolicies.Staff)
            .WithSummary("Return a loan")
            .WithDescription("""
                Records the return (occurredAt for an earlier one, not before the checkout) and an optional comment.
                A late return assesses a fine: finePerDayCents × whole days late, capped per loan.
                409 loan.already_returned, loan.lost. If-Match is honoured when sent.
                """)
            .Accepts<ReturnLoanRequest>(isOptional: true, "application/json")
            .Produces<ReturnLoanResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
}
