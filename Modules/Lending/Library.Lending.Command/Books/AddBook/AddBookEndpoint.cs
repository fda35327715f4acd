using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using LendingMediator = Library.Lending.Command.Messaging.Mediator;

namespace Library.Lending.Command.Books.AddBook;

internal static class AddBookEndpoint
{
    public static void MapAddBook(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/books", async (AddBookRequest body, LendingMediator mediator, HttpContext http, CancellationToken ct) =>
            (await mediator.Send(AddBookCommand.From(body, http.Actor()), ct)).ToHttpResult(book =>
            {
                http.Response.SetETag(book.Version);
                return TypedResults.Created($"/api/books/{book.Isbn}", book);
            }))
            .WithName("AddBook")
            .RequirePolicy(LibraryPolicies.Staff)
            .WithSummary("Add a book to the catalogue")
            .WithDescription("ISBN-10 or ISBN-13 with a valid check digit; hyphens and spaces are ignored. 409 book.exists.")
            .Produces<BookAddedResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
}
