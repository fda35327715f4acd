using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Library.Reader.Command.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ReaderMediator = Library.Reader.Command.Messaging.Mediator;

namespace Library.Reader.Command.Readers.Reactivate;

/// <summary>Lifting a suspension deletes the suspension sub-resource.</summary>
internal static class ReactivateReaderEndpoint
{
    public static void MapReactivateReader(this IEndpointRouteBuilder routes) =>
        routes.MapDelete("/api/readers/{readerId}/suspension", async (
                string readerId,
                ReaderMediator mediator,
                HttpContext http,
                CancellationToken ct) =>
            {
                var target = ChangeTarget.Parse(readerId, http.Request, ifMatchRequired: false, ReaderErrors.NotFound);
                if (!target.IsSuccess)
                {
                    return target.Error.ToProblem();
                }

                var result = await mediator.Send(new ReactivateReaderCommand(target.Value.Id, target.Value.ExpectedVersion, http.Actor()), ct);
                return result.ToVersionResponse(http.Response);
            })
            .WithName("ReactivateReader")
            .RequirePolicy(LibraryPolicies.Staff)
            .WithSummary("Lift a reader's suspension")
            .WithDescription("409 reader.not_suspended when the reader is active. If-Match is honoured when sent.")
            .Produces<ReaderChanged>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
}
