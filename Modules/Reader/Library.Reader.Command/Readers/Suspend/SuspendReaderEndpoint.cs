using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Library.Reader.Command.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ReaderMediator = Library.Reader.Command.Messaging.Mediator;

namespace Library.Reader.Command.Readers.Suspend;

/// <summary>The suspension is a sub-resource: PUT puts a reader under suspension (DELETE, in Reactivate, lifts it).</summary>
internal static class SuspendReaderEndpoint
{
    public static void MapSuspendReader(this IEndpointRouteBuilder routes) =>
        routes.MapPut("/api/readers/{readerId}/suspension", async (
                string readerId,
                SuspendReaderRequest body,
                ReaderMediator mediator,
                HttpContext http,
                CancellationToken ct) =>
            {
                var target = ChangeTarget.Parse(readerId, http.Request, ifMatchRequired: false, ReaderErrors.NotFound);
                if (!target.IsSuccess)
                {
                    return target.Error.ToProblem();
                }

                var result = await mediator.Send(new SuspendReaderCommand(target.Value.Id, target.Value.ExpectedVersion, body.Reason, http.Actor()), ct);
                return result.ToVersionResponse(http.Response);
            })
            .WithName("SuspendReader")
            .RequirePolicy(LibraryPolicies.Staff)
            .WithSummary("Suspend a reader")
            .WithDescription("Suspends with a reason, or changes the reason of a suspension in force. If-Match is honoured when sent.")
            .Produces<ReaderChanged>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
}
