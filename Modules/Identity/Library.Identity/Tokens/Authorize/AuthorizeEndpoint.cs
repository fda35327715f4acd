using Library.Identity.Tokens.Exchange;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Library.Identity.Tokens.Authorize;

/// <summary>
/// <c>/connect/authorize</c> for the web front end (authorization code with PKCE). OpenIddict has
/// validated the client, its redirect URI and the PKCE challenge before this runs. There is no sign-in
/// page yet, so every valid request is answered <c>login_required</c> at the client's redirect URI,
/// as OpenID Connect defines for a user who is not signed in.
/// </summary>
internal static class AuthorizeEndpoint
{
    public const string Path = "/connect/authorize";

    public static void MapAuthorize(this IEndpointRouteBuilder routes) =>
        routes.MapMethods(Path, [HttpMethods.Get, HttpMethods.Post], () => TypedResults.Forbid(
                TokenEndpoint.Properties(Errors.LoginRequired, "The sign-in page of the web front end does not exist yet."),
                [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]))
            .AllowAnonymous()
            .DisableAntiforgery()
            .ExcludeFromDescription();
}
