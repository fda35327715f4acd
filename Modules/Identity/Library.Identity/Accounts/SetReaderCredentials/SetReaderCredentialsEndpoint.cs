using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using IdentityMediator = Library.Identity.Messaging.Mediator;

namespace Library.Identity.Accounts.SetReaderCredentials;

internal static class SetReaderCredentialsEndpoint
{
    public static void MapSetReaderCredentials(this IEndpointRouteBuilder routes) =>
        routes.MapPut("/api/readers/{readerId:guid}/credentials", async (Guid readerId, CredentialsBody body, IdentityMediator mediator, HttpContext http, CancellationToken ct) =>
            (await mediator.Send(new SetReaderCredentialsCommand(readerId, body, http.GetCaller()!), ct)).ToHttpResult(TypedResults.NoContent))
            .RequirePolicy(LibraryPolicies.SignedIn)
            .WithName("SetReaderCredentials")
            .WithSummary("Set, reset or change a reader's password")
            .WithDescription("Staff set or reset it (a reset also lifts a lockout); a reader changes their own with currentPassword. Password 8–128 characters. 404 reader.not_found for a reader the Identity service does not know, an erased one, or another reader's.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
