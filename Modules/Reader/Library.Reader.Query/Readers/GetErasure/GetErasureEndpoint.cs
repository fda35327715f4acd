using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ReaderQueryMediator = Library.Reader.Query.Messaging.Mediator;

namespace Library.Reader.Query.Readers.GetErasure;

internal static class GetErasureEndpoint
{
    public static void MapGetErasure(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/readers/{readerId}/erasure", async (string readerId, ReaderQueryMediator mediator, HttpContext http, CancellationToken ct) =>
            (await mediator.Send(new GetErasureQuery(readerId, http.GetCaller()!), ct)).ToHttpResult(erasure => TypedResults.Ok(erasure)))
            .WithName("GetErasure")
            .RequirePolicy(LibraryPolicies.SignedIn)
            .WithSummary("Where a reader's erasure stands: pending, completed or refused (with the code)")
            .WithDescription("The Location of a 202 from DELETE /api/readers/{readerId}. Served from the read model.")
            .Produces<ErasureProgressResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
