using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ReaderMediator = Library.Reader.Command.Messaging.Mediator;

namespace Library.Reader.Command.Readers.Register;

internal static class RegisterReaderEndpoint
{
    public static void MapRegisterReader(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/readers", async (RegisterReaderRequest body, ReaderMediator mediator, HttpContext http, CancellationToken ct) =>
            (await mediator.Send(RegisterReaderCommand.From(body, http.Actor()), ct)).ToHttpResult(reader =>
            {
                http.Response.SetETag(reader.Version);
                return TypedResults.Created(
                    $"/api/readers/{reader.ReaderId}",
                    new RegisteredReaderResponse(reader.ReaderId, reader.ReaderNumber, reader.Version));
            }))
            .WithName("RegisterReader")
            .RequirePolicy(LibraryPolicies.Staff)
            .WithSummary("Register a reader")
            .WithDescription("Assigns the next reader number (YYYY/N). category is optional (default adult; 400 reader.invalid_category when not a code). 409 reader.email_taken when the e-mail is in use (case-insensitive).")
            .Produces<RegisteredReaderResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
}

internal sealed record RegisteredReaderResponse(Guid ReaderId, string ReaderNumber, long Version);
