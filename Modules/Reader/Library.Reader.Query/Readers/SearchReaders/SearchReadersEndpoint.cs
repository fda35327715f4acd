using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ReaderQueryMediator = Library.Reader.Query.Messaging.Mediator;

namespace Library.Reader.Query.Readers.SearchReaders;

internal static class SearchReadersEndpoint
{
    public static void MapSearchReaders(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/readers", async (
                string? number,
                string? name,
                string? email,
                int? page,
                int? pageSize,
                ReaderQueryMediator mediator,
                CancellationToken ct) =>
            (await mediator.Send(new SearchReadersQuery(number, name, email, page ?? 1, pageSize ?? 20), ct))
                .ToHttpResult(result => TypedResults.Ok(new ReaderPageResponse(result.Items, result.PageNumber, result.PageSize, result.Total))))
            .WithName("SearchReaders")
            .RequirePolicy(LibraryPolicies.Staff)
            .WithSummary("Search readers by number, name or e-mail")
            .Produces<ReaderPageResponse>()
            .ProducesValidationProblem();
}

internal sealed record ReaderPageResponse(IReadOnlyList<ReaderDetailsResponse> Items, int Page, int PageSize, long Total);
