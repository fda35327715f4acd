using FluentValidation;
using Library.BuildingBlocks.Application;
using Library.BuildingBlocks.Persistence;
using Library.Identity.Accounts;
using Library.Identity.Accounts.CreateStaff;
using Library.Identity.Accounts.Me;
using Library.Identity.Accounts.SetReaderCredentials;
using Library.Identity.Infrastructure;
using Library.Identity.Replicas;
using Library.Identity.Tokens;
using Library.Identity.Tokens.Authorize;
using Library.Identity.Tokens.EndSession;
using Library.Identity.Tokens.Exchange;
using Library.Identity.Tokens.SignInPage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Library.Identity;

/// <summary>
/// The Identity service: the OpenID Connect provider (OpenIddict) with accounts for staff and readers,
/// and its replica of readers from <c>reader.*</c> events. Other services only validate its tokens.
/// </summary>
public static class IdentityModule
{
    public const string Name = "identity";

    /// <summary>
    /// Needs <c>ConnectionStrings:Identity</c> (also the database of the CAP inbox), signing material
    /// (<c>Identity:Keys</c>) and, until an admin exists, <c>Identity:BootstrapAdminPassword</c>.
    /// </summary>
    public static IServiceCollection AddIdentityModule(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Identity")
            ?? throw new InvalidOperationException("ConnectionStrings:Identity is required.");
        var section = configuration.GetSection(IdentityOptions.SectionName);
        var options = section.Get<IdentityOptions>() ?? new IdentityOptions();
        if (options.AccessTokenLifetimeMinutes is < 1 or > 15)
        {
            throw new InvalidOperationException("Identity:AccessTokenLifetimeMinutes must be 1 to 15.");
        }

        services.Configure<IdentityOptions>(section);
        services.AddCommandStore<IdentityDbContext>(Name, connectionString, IdentityDbContext.Schema);
        services.AddSingleton<Passwords>();
        services.AddTransient<ReaderReplicaProjection>();
        services.AddHostedService<IdentityBootstrap>();
        services.AddIdentitySession();
        services.AddRateLimiter(limiter => limiter.AddPolicy(TokenRateLimit.PolicyName, new TokenRateLimit(options.TokenRateLimit)));

        services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>())
            .AddServer(server =>
            {
                if (options.Issuer is { Length: > 0 } issuer)
                {
                    server.SetIssuer(new Uri(issuer, UriKind.Absolute));
                }

                server.SetTokenEndpointUris(TokenEndpoint.Path.TrimStart('/'))
                    .SetAuthorizationEndpointUris(AuthorizeEndpoint.Path.TrimStart('/'))
                    .SetEndSessionEndpointUris(EndSessionEndpoint.Path.TrimStart('/'));
                if (options.PasswordGrant.Enabled)
                {
                    server.AllowPasswordFlow();
                }

                server.AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow()
                    .AllowAuthorizationCodeFlow()
                    .RequireProofKeyForCodeExchange();
                server.RegisterScopes(Scopes.OpenId, Scopes.OfflineAccess, Scopes.Profile, Scopes.Roles);
                server.RegisterClaims(Claims.Subject, Claims.Name, Claims.Role, BuildingBlocks.Security.LibraryClaims.ReaderId);
                server.SetAccessTokenLifetime(TimeSpan.FromMinutes(options.AccessTokenLifetimeMinutes))
                    .SetRefreshTokenLifetime(TimeSpan.FromHours(options.RefreshTokenLifetimeHours));

                // Rotation: every refresh returns a new refresh token, and a redeemed one used again (no
                // grace period) is refused and revokes the whole chain (RFC 9700, section 4.14.2).
                server.SetRefreshTokenReuseLeeway(TimeSpan.Zero);

                // Signed, not encrypted: every service must read its claims with only the public keys.
                server.DisableAccessTokenEncryption();
                SigningKeys.Configure(server, options.Keys, configuration);

                var aspNetCore = server.UseAspNetCore()
                    .EnableTokenEndpointPassthrough()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
                if (!options.RequireHttps)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            });

        services.AddValidatorsFromAssemblyContaining<CreateStaffValidator>(ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddMediator(mediator =>
        {
            mediator.Namespace = "Library.Identity.Messaging";
            mediator.GenerateTypesAsInternal = true;
            mediator.ServiceLifetime = ServiceLifetime.Scoped;
            mediator.PipelineBehaviors = [typeof(LoggingBehavior<,>), typeof(ValidationBehavior<,>)];
        });
        return services;
    }

    public static IEndpointRouteBuilder MapIdentityEndpoints(this IEndpointRouteBuilder routes)
    {
        var tokens = routes.MapGroup("").WithTags("Sign-in");
        tokens.MapToken();
        tokens.MapAuthorize();
        tokens.MapEndSession();
        tokens.MapSignInPage();

        var accounts = routes.MapGroup("").WithTags("Accounts");
        accounts.MapMe();
        accounts.MapCreateStaff();
        accounts.MapSetReaderCredentials();
        return routes;
    }
}
