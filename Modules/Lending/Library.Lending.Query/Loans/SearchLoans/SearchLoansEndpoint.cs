using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using LendingQueryMediator = Library.Lending.Query.Messaging.Mediator;

namespace Library.Lending.Query.Loans.SearchLoans;

internal static class SearchLoansEndpoint
{
    public static void MapSearchLoans(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/loans", async (
                string? readerId,
                string? isbn,
                string? status,
                DateOnly? from,
                DateOnly? to,
                int? page,
                int? pageSize,
                string? after,
                LendingQueryMediator mediator,
                HttpContext http,
                CancellationToken ct) =>
            (await mediator.Send(new SearchLoansQuery(readerId, isbn, status, from, to, page ?? 1, pageSize ?? 20, http.GetCaller()!, after), ct))
                .ToHttpResult(response => TypedResults.Ok(response)))
            .WithName("SearchLoans")
            .RequirePolicy(LibraryPolicies.SignedIn)
            .WithSummary("Loans by reader, book, status and checkout date, newest first")
            .WithDescription("status: active (open, not yet due), overdue, returned or lost. from/to: checkout dates (yyyy-MM-dd, UTC), inclusive. A reader lists only their own: readerId is required and must be theirs (403 without it, 404 reader.not_found for another's). " + LoanPageDescriptions.Paging)
            .Produces<LoanPageResponse>()
            .ProducesValidationProblem();
}
