using System.Text.Encodings.Web;
using Library.BuildingBlocks.Security;
using Library.Identity.Tokens.Authorize;
using Library.Identity.Tokens.Exchange;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using IdentityMediator = Library.Identity.Messaging.Mediator;

namespace Library.Identity.Tokens.SignInPage;

/// <summary>
/// <c>/account/signin</c>: where <c>/connect/authorize</c> sends a browser with no sign-in session. Staff sign in
/// with their username, readers with their reader number or e-mail, checked exactly as the password grant checks
/// them (the same lockout after five failures, the same rate limit per client address). A success opens the
/// session and goes back to the authorize request, which issues the code; nothing else is a place to return to,
/// so the page cannot be used to redirect anyone elsewhere.
/// </summary>
internal static class SignInPageEndpoint
{
    public const string Path = "/account/signin";

    private const string Failed = "The username or password is incorrect, or the account is locked.";

    public static void MapSignInPage(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, (HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
                Page(http, antiforgery, ReturnUrlOrNull(returnUrl), username: null, error: null, StatusCodes.Status200OK))
            .RequirePolicy(LibraryPolicies.Anonymous)
            .ExcludeFromDescription();

        routes.MapPost(Path, SignInAsync)
            .RequirePolicy(LibraryPolicies.Anonymous)
            .RequireRateLimiting(TokenRateLimit.PolicyName)
            .DisableAntiforgery() // validated below, so a bad token is this page again, not a bare 400
            .ExcludeFromDescription();
    }

    private static async Task<IResult> SignInAsync(HttpContext http, IAntiforgery antiforgery, IdentityMediator mediator, CancellationToken cancellationToken)
    {
        if (!http.Request.HasFormContentType)
        {
            return Page(http, antiforgery, null, null, "Sign in with the form.", StatusCodes.Status400BadRequest);
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var returnUrl = ReturnUrlOrNull(form["returnUrl"]);
        var username = form["username"].ToString();
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Page(http, antiforgery, returnUrl, username, "The form expired. Please sign in again.", StatusCodes.Status400BadRequest);
        }

        var signedIn = await mediator.Send(new PasswordSignInCommand(username, form["password"]), cancellationToken);
        if (!signedIn.IsSuccess)
        {
            return Page(http, antiforgery, returnUrl, username, Failed, StatusCodes.Status401Unauthorized);
        }

        await IdentitySession.SignInAsync(http, signedIn.Value.Id);
        return returnUrl is null
            ? Page(http, antiforgery, null, null, null, StatusCodes.Status200OK, signedInAs: signedIn.Value.Username)
            : TypedResults.Redirect(returnUrl);
    }

    /// <summary>Only an authorize request of this service: a sign-in page that redirects anywhere else is an open redirect.</summary>
    internal static string? ReturnUrlOrNull(string? returnUrl) =>
        returnUrl is { Length: > 0 and <= 4096 }
        && returnUrl.StartsWith(AuthorizeEndpoint.Path + "?", StringComparison.Ordinal)
        && !returnUrl.Contains('\\', StringComparison.Ordinal)
            ? returnUrl
            : null;

    private static Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult Page(
        HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? username, string? error, int status, string? signedInAs = null)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var html = HtmlEncoder.Default;
        http.Response.Headers.CacheControl = "no-store";

        // No script, only this page's own style block, the form posted only here, never framed (clickjacking a password).
        http.Response.Headers.ContentSecurityPolicy =
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        var body = signedInAs is not null
            ? $"""<p role="status">You are signed in as {html.Encode(signedInAs)}. Go back to the application you came from.</p>"""
            : $"""
              <form method="post" action="{Path}">
                <input type="hidden" name="{html.Encode(tokens.FormFieldName)}" value="{html.Encode(tokens.RequestToken ?? "")}">
                <input type="hidden" name="returnUrl" value="{html.Encode(returnUrl ?? "")}">
                {(error is null ? "" : $"""<p class="error" role="alert" id="signin-error">{html.Encode(error)}</p>""")}
                <label for="username">Username, reader number or e-mail</label>
                <input id="username" name="username" autocomplete="username" required autofocus value="{html.Encode(username ?? "")}"{(error is null ? "" : " aria-describedby=\"signin-error\"")}>
                <label for="password">Password</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required>
                <button type="submit">Sign in</button>
              </form>
              """;
        return TypedResults.Content(
            $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Sign in — Library</title>
              <style>
                body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f4f1ea; color: #1f1d1a; }
                main { max-width: 24rem; margin: 10vh auto; padding: 2rem; background: #fff; border-radius: .5rem; box-shadow: 0 1px 4px #0002; }
                h1 { font-size: 1.5rem; margin-top: 0; }
                label { display: block; margin-top: 1rem; font-weight: 600; }
                input { box-sizing: border-box; width: 100%; padding: .6rem; font-size: 1rem; border: 1px solid #6b645a; border-radius: .25rem; }
                input:focus, button:focus { outline: 3px solid #1d5fa8; outline-offset: 1px; }
                button { margin-top: 1.5rem; width: 100%; padding: .7rem; font-size: 1rem; font-weight: 600; color: #fff; background: #1d5fa8; border: 0; border-radius: .25rem; cursor: pointer; }
                .error { color: #9b1c1c; background: #fdecec; padding: .5rem .75rem; border-radius: .25rem; }
              </style>
            </head>
            <body>
              <main>
                <h1>Sign in to the Library</h1>
                {{body}}
              </main>
            </body>
            </html>
            """,
            "text/html; charset=utf-8",
            statusCode: status);
    }
}
