using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using LendingQueryMediator = Library.Lending.Query.Messaging.Mediator;

namespace Library.Lending.Query.Books.SearchBooks;

internal static class SearchBooksEndpoint
{
    public static void MapSearchBooks(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/books", async (
                string? title,
                string? author,
                string? genre,
                int? page,
                int? pageSize,
                LendingQueryMediator mediator,
                CancellationToken ct) =>
            (await mediator.Send(new SearchBooksQuery(title, author, genre, page ?? 1, pageSize ?? 20), ct))
                .ToHttpResult(result => TypedResults.Ok(new BookPageResponse(result.Items, result.PageNumber, result.PageSize, result.Total))))
            .WithName("SearchBooks")
            .RequirePolicy(LibraryPolicies.Anonymous)
            .WithSummary("Search the catalogue by title, author or genre, with copies available/total")
            .Produces<BookPageResponse>()
            .ProducesValidationProblem();
}
