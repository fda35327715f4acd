using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ReaderQueryMediator = Library.Reader.Query.Messaging.Mediator;

namespace Library.Reader.Query.Readers.GetReader;

internal static class GetReaderEndpoint
{
    public static void MapGetReader(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/readers/{readerId}", async (string readerId, ReaderQueryMediator mediator, HttpContext http, CancellationToken ct) =>
            (await mediator.Send(new GetReaderQuery(readerId, http.GetCaller()!), ct)).ToVersionedOk(http.Response, reader => reader.Version))
            .WithName("GetReader")
            .RequirePolicy(LibraryPolicies.SignedIn)
            .WithSummary("A reader's details, loan counts and fines owed")
            .WithDescription("Served from the read model, which follows the command side within moments.")
            .Produces<ReaderDetailsResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
