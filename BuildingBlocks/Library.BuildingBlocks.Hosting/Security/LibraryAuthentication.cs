using Library.BuildingBlocks.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Validation.AspNetCore;

namespace Library.BuildingBlocks.Hosting.Security;

/// <summary>Bound from <c>Identity</c>: where a service finds the Identity service's keys.</summary>
public sealed class LibraryAuthenticationOptions
{
    public const string SectionName = "Identity";

    /// <summary>
    /// Base URL the service reaches the Identity service at (its discovery document and JWKS are read
    /// from there and cached). Empty in the development host, where the server runs in the same process
    /// and tokens are validated against its keys directly.
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>The <c>iss</c> every token must carry; defaults to <see cref="Authority"/>.</summary>
    public string? Issuer { get; set; }
}

public static class LibraryAuthentication
{
    /// <summary>The scheme that validates bearer access tokens.</summary>
    public const string Scheme = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;

    /// <summary>
    /// Validates JWT access tokens locally: signature against the Identity service's published keys,
    /// issuer, audience <see cref="LibraryClaims.Audience"/> and lifetime; no call to the Identity service
    /// per request. Registers <see cref="LibraryPolicies"/> . Only routes
    /// that ask for a policy authenticate, so no default scheme is set: a token sent to a public route (or
    /// through the gateway) is not even read.
    /// </summary>
    public static IServiceCollection AddLibraryAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(LibraryAuthenticationOptions.SectionName).Get<LibraryAuthenticationOptions>()
            ?? new LibraryAuthenticationOptions();
        services.AddOpenIddict().AddValidation(validation =>
        {
            if (options.Authority is { Length: > 0 } authority)
            {
                var authorityUri = new Uri(authority.EndsWith('/') ? authority : authority + "/", UriKind.Absolute);
                validation.SetIssuer(options.Issuer is { Length: > 0 } issuer ? new Uri(issuer, UriKind.Absolute) : authorityUri);

                // Discovery from the authority (the service's own route to the Identity service); the
                // document and the key set are cached and refreshed by OpenIddict, not fetched per request.
                validation.Configure(o => o.ConfigurationEndpoint = new Uri(authorityUri, ".well-known/openid-configuration"));
                validation.UseSystemNetHttp();
            }
            else
            {
                // The server is in this process (the development host): its signing keys and issuer directly.
                validation.UseLocalServer();
            }

            validation.AddAudiences(LibraryClaims.Audience);
            validation.UseAspNetCore();
        });

        services.AddAuthentication();
        services.AddAuthorizationBuilder()
            .AddPolicy(LibraryPolicies.SignedIn, policy => policy
                .AddAuthenticationSchemes(Scheme)
                .RequireAuthenticatedUser()
                .RequireClaim(LibraryClaims.Subject)
                .RequireClaim(LibraryClaims.Role, LibraryRoles.Admin, LibraryRoles.Librarian, LibraryRoles.Reader))
            .AddPolicy(LibraryPolicies.Staff, policy => policy
                .AddAuthenticationSchemes(Scheme)
                .RequireAuthenticatedUser()
                .RequireClaim(LibraryClaims.Subject)
                .RequireClaim(LibraryClaims.Role, LibraryRoles.Admin, LibraryRoles.Librarian))
            .AddPolicy(LibraryPolicies.Admin, policy => policy
                .AddAuthenticationSchemes(Scheme)
                .RequireAuthenticatedUser()
                .RequireClaim(LibraryClaims.Subject)
                .RequireClaim(LibraryClaims.Role, LibraryRoles.Admin));
        return services;
    }

}
