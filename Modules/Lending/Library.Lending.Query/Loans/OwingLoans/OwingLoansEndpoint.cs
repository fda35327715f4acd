using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using LendingQueryMediator = Library.Lending.Query.Messaging.Mediator;

namespace Library.Lending.Query.Loans.OwingLoans;

internal static class OwingLoansEndpoint
{
    public static void MapOwingLoans(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/loans/owing", async (int? page, int? pageSize, string? after, LendingQueryMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new OwingLoansQuery(page ?? 1, pageSize ?? 20, after), ct))
                .ToHttpResult(response => TypedResults.Ok(response)))
            .WithName("OwingLoans")
            .RequirePolicy(LibraryPolicies.Staff)
            .WithSummary("Loans whose fine still owes something, the oldest assessed first: the fines to settle")
            .WithDescription(LoanPageDescriptions.Paging)
            .Produces<LoanPageResponse>()
            .ProducesValidationProblem();
}
