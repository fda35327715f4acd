using Library.BuildingBlocks.Http;
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
                var target = ReaderChangeResponses.ParseTarget(readerId, http.Request, ifMatchRequired: false);
                if (!target.IsSuccess)
                {
                    return target.Error.ToProblem();
                }

                var result = await mediator.Send(new EraseReaderCommand(target.Value.ReaderId, target.Value.ExpectedVersion), ct);
                return result.ToVersionResponse(http.Response);
            })
            .WithName("EraseReader")
            .WithSummary("Erase a reader's personal data (GDPR)")
            .WithDescription("Anonymises the reader on every side. 409 reader.has_open_loans / reader.owes_fines while loans are open or fines owed. Repeating it is harmless.")
            .Produces<ReaderVersionResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
}
