using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using LendingQueryMediator = Library.Lending.Query.Messaging.Mediator;

namespace Library.Lending.Query.Books.GetBook;

internal static class GetBookEndpoint
{
    public static void MapGetBook(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/books/{isbn}", async (string isbn, LendingQueryMediator mediator, HttpContext http, CancellationToken ct) =>
            (await mediator.Send(new GetBookQuery(isbn), ct)).ToVersionedOk(http.Response, book => book.Version))
            .WithName("GetBook")
            .RequirePolicy(LibraryPolicies.Anonymous)
            .WithSummary("A book with its copies and how many are available")
            .Produces<BookResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
