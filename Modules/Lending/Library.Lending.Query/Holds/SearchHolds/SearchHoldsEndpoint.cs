using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using LendingQueryMediator = Library.Lending.Query.Messaging.Mediator;

namespace Library.Lending.Query.Holds.SearchHolds;

internal static class SearchHoldsEndpoint
{
    public static void MapSearchHolds(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/holds", async (
                string? readerId,
                string? isbn,
                string? status,
                int? page,
                int? pageSize,
                LendingQueryMediator mediator,
                HttpContext http,
                CancellationToken ct) =>
            (await mediator.Send(new SearchHoldsQuery(readerId, isbn, status, page ?? 1, pageSize ?? 20, http.GetCaller()!), ct))
                .ToHttpResult(response => TypedResults.Ok(response)))
            .WithName("SearchHolds")
            .RequirePolicy(LibraryPolicies.SignedIn)
            .WithSummary("Holds by reader, title and status, in queue order, with each waiting hold's place in its queue")
            .WithDescription("status: waiting, ready (on the hold shelf), fulfilled, cancelled or expired. A reader lists only their own: readerId is required and must be theirs (403 without it, 404 reader.not_found for another's). page from 1, pageSize 1–100 (default 20).")
            .Produces<HoldPageResponse>()
            .ProducesValidationProblem();
}
