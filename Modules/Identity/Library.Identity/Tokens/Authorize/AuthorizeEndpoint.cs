using Library.BuildingBlocks.Security;
using Library.Identity.Tokens.Exchange;
using Library.Identity.Tokens.SignInPage;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using IdentityMediator = Library.Identity.Messaging.Mediator;

namespace Library.Identity.Tokens.Authorize;

/// <summary>
/// <c>/connect/authorize</c> for the web front end (authorization code with PKCE). OpenIddict has validated the
/// client, its redirect URI and the PKCE challenge before this runs. Without a sign-in session the browser goes
/// to the sign-in page and comes back here (<c>prompt=none</c>: <c>login_required</c> at the client instead, as
/// OpenID Connect defines); with one, the account is checked again (locked or deleted since: signed out) and the
/// code is issued for it with the same claims the token endpoint gives. The client is first-party and the only
/// one allowed here, so there is no consent screen.
/// </summary>
internal static class AuthorizeEndpoint
{
    public const string Path = "/connect/authorize";

    public static void MapAuthorize(this IEndpointRouteBuilder routes) =>
        routes.MapMethods(Path, [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync)
            .RequirePolicy(LibraryPolicies.Anonymous)
            .DisableAntiforgery()
            .ExcludeFromDescription();

    private static async Task<IResult> AuthorizeAsync(HttpContext http, IdentityMediator mediator, CancellationToken cancellationToken)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server did not handle this authorize request.");

        if (await IdentitySession.AccountOfAsync(http) is { } accountId && !request.HasPromptValue(PromptValues.Login))
        {
            var current = await mediator.Send(new CurrentAccountQuery(accountId), cancellationToken);
            if (current.IsSuccess)
            {
                return TokenEndpoint.SignIn(current.Value, request.GetScopes());
            }

            await IdentitySession.SignOutAsync(http);
        }

        if (request.HasPromptValue(PromptValues.None))
        {
            return TypedResults.Forbid(
                TokenEndpoint.Properties(Errors.LoginRequired, "Nobody is signed in."),
                [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        // Back to this very request after the sign-in, without prompt=login (else it would ask again forever).
        var parameters = http.Request.HasFormContentType
            ? (await http.Request.ReadFormAsync(cancellationToken)).Select(p => KeyValuePair.Create(p.Key, p.Value))
            : http.Request.Query.Select(p => KeyValuePair.Create(p.Key, p.Value));
        var back = Path + QueryString.Create(parameters.Where(p => p.Key != Parameters.Prompt));
        return TypedResults.Redirect(SignInPageEndpoint.Path + QueryString.Create("returnUrl", back));
    }
}
