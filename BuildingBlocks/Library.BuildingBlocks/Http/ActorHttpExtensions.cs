using System.Security.Claims;
using Library.BuildingBlocks.Contracts;
using Microsoft.AspNetCore.Http;

namespace Library.BuildingBlocks.Http;

public static class ActorHttpExtensions
{
    /// <summary>The OpenID Connect claim names the Identity service issues (<c>sub</c>, <c>role</c>).</summary>
    public const string SubjectClaim = "sub";

    public const string RoleClaim = "role";

    /// <summary>
    /// Who is calling, for the events the request will publish: the token's subject and role. A caller
    /// without a token is <see cref="Actor.Anonymous"/>; routes that change anything require staff or
    /// the reader themself, so an anonymous actor can only appear where a route lets anyone act.
    /// </summary>
    public static Actor Actor(this HttpContext http) => http.User.ToActor();

    public static Actor ToActor(this ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return Contracts.Actor.Anonymous;
        }

        var subject = user.FindFirstValue(SubjectClaim) ?? user.FindFirstValue(ClaimTypes.NameIdentifier);
        var role = user.FindFirstValue(RoleClaim) ?? user.FindFirstValue(ClaimTypes.Role);
        return subject is { Length: > 0 } && role is { Length: > 0 }
            ? new Actor(subject, role)
            : throw new InvalidOperationException("An authenticated caller's token has no subject or role claim.");
    }
}
