using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Library.Identity.Tokens;

/// <summary>
/// The Identity service's own sign-in session: a cookie that says which account signed in on the sign-in page,
/// read only by <c>/connect/authorize</c> (to issue a code without asking again) and cleared by
/// <c>/connect/endsession</c>. It is not a credential for the API, which takes bearer tokens only.
/// </summary>
internal static class IdentitySession
{
    public const string Scheme = "Identity.Session";

    /// <summary>Eight hours: a desk shift. A locked or deleted account is refused at the next authorize anyway.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public static IServiceCollection AddIdentitySession(this IServiceCollection services)
    {
        services.AddAuthentication().AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = "library.identity";
            cookie.Cookie.HttpOnly = true;

            // Lax: the browser sends it on the top-level redirect from the web front end to /connect/authorize.
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.Cookie.Path = "/";
            cookie.ExpireTimeSpan = Lifetime;
            cookie.SlidingExpiration = false;
            cookie.LoginPath = SignInPage.SignInPageEndpoint.Path;

            // Never a redirect for what is not a page: the only reader of this cookie is the authorize endpoint.
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        return services;
    }

    public static Task SignInAsync(HttpContext http, Guid accountId) =>
        http.SignInAsync(
            Scheme,
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(Claims.Subject, accountId.ToString())], Scheme)),
            new AuthenticationProperties { IsPersistent = false, AllowRefresh = false });

    public static async Task<Guid?> AccountOfAsync(HttpContext http)
    {
        var session = await http.AuthenticateAsync(Scheme);
        return session.Succeeded && Guid.TryParse(session.Principal?.FindFirstValue(Claims.Subject), out var id) ? id : null;
    }

    public static Task SignOutAsync(HttpContext http) => http.SignOutAsync(Scheme);
}
