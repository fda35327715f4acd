using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Library.Reader.Command.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ReaderMediator = Library.Reader.Command.Messaging.Mediator;

namespace Library.Reader.Command.Readers.Erase;

internal static class EraseReaderEndpoint
{
    public static void MapEraseReader(this IEndpointRouteBuilder routes) =>
        routes.MapDelete("/api/readers/{readerId}", async (string readerId, ReaderMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var target = ChangeTarget.Parse(readerId, http.Request, ifMatchRequired: false, ReaderErrors.NotFound);
                if (!target.IsSuccess)
                {
                    return target.Error.ToProblem();
                }

                var result = await mediator.Send(new EraseReaderCommand(target.Value.Id, target.Value.ExpectedVersion, http.Actor()), ct);
                return result.ToHttpResult(erasure =>
                {
                    http.Response.SetETag(erasure.Version);
                    return erasure.IsCompleted
                        ? TypedResults.Ok(erasure)
                        : TypedResults.Accepted($"/api/readers/{erasure.ReaderId}/erasure", erasure);
                });
            })
            .WithName("EraseReader")
            .RequirePolicy(LibraryPolicies.Staff)
            .WithSummary("Erase a reader's personal data (GDPR)")
            .WithDescription(
                "202 with Location /api/readers/{readerId}/erasure while the Lending service, the authority on loans and fines, "
                + "checks that nothing is open or owed; the reader cannot borrow meanwhile (409 reader.erasure_pending). "
                + "200 once erased. 409 reader.has_open_loans / reader.owes_fines when refused at once. Repeating it is harmless.")
            .Produces<ErasureResponse>()
            .Produces<ErasureResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
}
