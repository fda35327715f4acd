using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using LendingQueryMediator = Library.Lending.Query.Messaging.Mediator;

namespace Library.Lending.Query.Loans.GetLoan;

internal static class GetLoanEndpoint
{
    public static void MapGetLoan(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/loans/{loanId}", async (string loanId, LendingQueryMediator mediator, HttpContext http, CancellationToken ct) =>
            (await mediator.Send(new GetLoanQuery(loanId, http.GetCaller()!), ct)).ToVersionedOk(http.Response, loan => loan.Version))
            .WithName("GetLoan")
            .RequirePolicy(LibraryPolicies.SignedIn)
            .WithSummary("A loan with its reader, book, status, days overdue and fine")
            .Produces<LoanResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
