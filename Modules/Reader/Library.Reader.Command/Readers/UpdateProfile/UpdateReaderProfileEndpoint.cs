using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Library.Reader.Command.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ReaderMediator = Library.Reader.Command.Messaging.Mediator;

namespace Library.Reader.Command.Readers.UpdateProfile;

internal static class UpdateReaderProfileEndpoint
{
    public static void MapUpdateReaderProfile(this IEndpointRouteBuilder routes) =>
        routes.MapPatch("/api/readers/{readerId}", async (
                string readerId,
                UpdateReaderProfileRequest body,
                ReaderMediator mediator,
                HttpContext http,
                CancellationToken ct) =>
            {
                var target = ChangeTarget.Parse(readerId, http.Request, ifMatchRequired: true, ReaderErrors.NotFound);
                if (!target.IsSuccess)
                {
                    return target.Error.ToProblem();
                }

                var result = await mediator.Send(new UpdateReaderProfileCommand(target.Value.Id, target.Value.ExpectedVersion!.Value, body, http.GetCaller()!), ct);
                return result.ToVersionResponse(http.Response);
            })
            .WithName("UpdateReaderProfile")
            .RequirePolicy(LibraryPolicies.SignedIn)
            .WithSummary("Change a reader's profile")
            .WithDescription("Requires If-Match with the current version: 428 without it, 412 when stale. Only the fields sent change. A reader changes only their own contact data, consents and interests (their name is changed at the desk: 403).")
            .Produces<ReaderChanged>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
}
