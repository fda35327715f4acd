using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using LendingQueryMediator = Library.Lending.Query.Messaging.Mediator;

namespace Library.Lending.Query.Loans.OverdueLoans;

internal static class OverdueLoansEndpoint
{
    public static void MapOverdueLoans(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/loans/overdue", async (int? page, int? pageSize, string? after, LendingQueryMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new OverdueLoansQuery(page ?? 1, pageSize ?? 20, after), ct))
                .ToHttpResult(response => TypedResults.Ok(response)))
            .WithName("OverdueLoans")
            .RequirePolicy(LibraryPolicies.Staff)
            .WithSummary("Open loans past their due date, most days overdue first, with the fine accrued so far")
            .WithDescription(LoanPageDescriptions.Paging)
            .Produces<LoanPageResponse>()
            .ProducesValidationProblem();
}
