using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using LendingMediator = Library.Lending.Command.Messaging.Mediator;

namespace Library.Lending.Command.Books.AddCopy;

internal static class AddCopyEndpoint
{
    public static void MapAddCopy(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/books/{isbn}/copies", async (string isbn, AddCopyRequest body, LendingMediator mediator, HttpContext http, CancellationToken ct) =>
            (await mediator.Send(new AddCopyCommand(isbn, body.Barcode, http.Actor()), ct)).ToHttpResult(copy =>
            {
                http.Response.SetETag(copy.Version);
                return TypedResults.Created($"/api/books/{copy.Isbn}", copy);
            }))
            .WithName("AddCopy")
            .RequirePolicy(LibraryPolicies.Staff)
            .WithSummary("Add a copy of a book")
            .WithDescription("The barcode must be unique across the library: 409 copy.barcode_taken. 404 book.not_found.")
            .Produces<CopyAddedResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
