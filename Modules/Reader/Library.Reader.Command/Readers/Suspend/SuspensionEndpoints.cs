using Library.BuildingBlocks.Http;
using Library.Reader.Command.Readers.Reactivate;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ReaderMediator = Library.Reader.Command.Messaging.Mediator;

namespace Library.Reader.Command.Readers.Suspend;

/// <summary>The suspension is a sub-resource: PUT puts a reader under suspension, DELETE lifts it.</summary>
internal static class SuspensionEndpoints
{
    public static void MapSuspension(this IEndpointRouteBuilder routes)
    {
        routes.MapPut("/api/readers/{readerId}/suspension", async (
                string readerId,
                SuspendReaderRequest body,
                ReaderMediator mediator,
                HttpContext http,
                CancellationToken ct) =>
            {
                var target = ReaderChangeResponses.ParseTarget(readerId, http.Request, ifMatchRequired: false);
                if (!target.IsSuccess)
                {
                    return target.Error.ToProblem();
                }

                var result = await mediator.Send(new SuspendReaderCommand(target.Value.ReaderId, target.Value.ExpectedVersion, body.Reason), ct);
                return result.ToVersionResponse(http.Response);
            })
            .WithName("SuspendReader")
            .WithSummary("Suspend a reader")
            .WithDescription("Suspends with a reason, or changes the reason of a suspension in force. If-Match is honoured when sent.")
            .Produces<ReaderVersionResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        routes.MapDelete("/api/readers/{readerId}/suspension", async (
                string readerId,
                ReaderMediator mediator,
                HttpContext http,
                CancellationToken ct) =>
            {
                var target = ReaderChangeResponses.ParseTarget(readerId, http.Request, ifMatchRequired: false);
                if (!target.IsSuccess)
                {
                    return target.Error.ToProblem();
                }

                var result = await mediator.Send(new ReactivateReaderCommand(target.Value.ReaderId, target.Value.ExpectedVersion), ct);
                return result.ToVersionResponse(http.Response);
            })
            .WithName("ReactivateReader")
            .WithSummary("Lift a reader's suspension")
            .WithDescription("409 reader.not_suspended when the reader is active. If-Match is honoured when sent.")
            .Produces<ReaderVersionResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
    }
}
