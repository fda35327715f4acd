using Library.BuildingBlocks.Security;
using Library.Web.Api;
using Library.Web.Assets;
using Library.Web.Components;
using Library.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Library.Web;

/// <summary>
/// The web front end (issue 15): the circulation desk, the catalogue and the reader portal, rendered on the server
/// as plain HTML forms (static server rendering, no circuit, no script needed: docs/adr/0031). It reads and writes
/// only through the public HTTP API with the signed-in user's token, like any other client.
/// </summary>
public static class WebModule
{
    public const string Name = "web";

    public static IServiceCollection AddWebModule(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(WebOptions.SectionName).Get<WebOptions>() ?? new WebOptions();
        services.Configure<WebOptions>(configuration.GetSection(WebOptions.SectionName));
        services.AddRazorComponents();
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();
        services.AddWebAuthentication(options);
        services.AddScoped<Desk.DeskReads>();
        services.AddHttpClient<LibraryApi>(client =>
        {
            client.BaseAddress = options.ApiBaseUri;
            client.Timeout = TimeSpan.FromSeconds(15);
        });
        return services;
    }

    public static IEndpointRouteBuilder MapWebEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapRazorComponents<App>().RequirePolicy(WebPolicies.Public);
        routes.MapWebAssets();

        // Sign-in starts the authorization code flow and comes back to the page that asked; only a local path is a
        // place to come back to. Sign-out is a POST with the form's antiforgery token: a link cannot sign anyone out.
        routes.MapGet("/signin", (string? returnUrl) => TypedResults.Challenge(
                new AuthenticationProperties { RedirectUri = LocalOrHome(returnUrl) }, [WebAuthentication.OidcScheme]))
            .RequirePolicy(WebPolicies.Public)
            .ExcludeFromDescription();
        routes.MapPost("/signout", async Task<IResult> (HttpContext http, IAntiforgery antiforgery) =>
            {
                if (!await antiforgery.IsRequestValidAsync(http))
                {
                    return TypedResults.Redirect("/");
                }

                return TypedResults.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [WebAuthentication.CookieScheme, WebAuthentication.OidcScheme]);
            })
            .RequirePolicy(WebPolicies.SignedIn)
            .DisableAntiforgery()
            .ExcludeFromDescription();
        return routes;
    }

    internal static string LocalOrHome(string? returnUrl) =>
        returnUrl is { Length: > 1 } url && url[0] == '/' && url[1] != '/' && url[1] != '\\' ? url : "/";
}
