using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Library.Identity.Accounts.Me;

internal static class MeEndpoint
{
    /// <summary>Read from the validated token alone: no store is asked, like every other service would.</summary>
    public static void MapMe(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/me", (HttpContext http) =>
        {
            var actor = http.GetCaller()!;
            return TypedResults.Ok(new MeResponse(actor.Subject, actor.Username ?? actor.Subject, actor.Role, actor.ReaderId));
        })
            .RequirePolicy(LibraryPolicies.SignedIn)
            .WithName("GetMe")
            .WithSummary("Who the access token says you are")
            .Produces<MeResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
}

internal sealed record MeResponse(string Subject, string Username, string Role, Guid? ReaderId);
