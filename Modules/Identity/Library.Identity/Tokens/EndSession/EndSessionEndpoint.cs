using Library.BuildingBlocks.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenIddict.Server.AspNetCore;

namespace Library.Identity.Tokens.EndSession;

/// <summary>
/// <c>/connect/endsession</c> (OpenID Connect RP-initiated logout): ends the sign-in session, so the next
/// authorize asks for the password again, and sends the browser to the client's registered post-logout address
/// (OpenIddict refuses any other). The access and refresh tokens the client held stop at their expiry or at the
/// client's sign-out, which discards them.
/// </summary>
internal static class EndSessionEndpoint
{
    public const string Path = "/connect/endsession";

    public static void MapEndSession(this IEndpointRouteBuilder routes) =>
        routes.MapMethods(Path, [HttpMethods.Get, HttpMethods.Post], async (HttpContext http) =>
            {
                await IdentitySession.SignOutAsync(http);
                return TypedResults.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            })
            .RequirePolicy(LibraryPolicies.Anonymous)
            .DisableAntiforgery()
            .ExcludeFromDescription();
}
