using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Library.Web.Security;

/// <summary>
/// Sign-in for the front end: OpenID Connect authorization code with PKCE against the Identity service (a public
/// client: a secret in a server-rendered app would be no safer than PKCE, and one less thing to rotate), the
/// tokens kept in the front end's own encrypted, HTTP-only cookie, never in the browser's script reach. The
/// access token lives 15 minutes; a request that finds it within a minute of expiry refreshes it with the
/// refresh token (rotated by the Identity service on every use) and rewrites the cookie.
/// </summary>
internal static partial class WebAuthentication
{
    public const string CookieScheme = "Web";
    public const string OidcScheme = "Web.Oidc";
    public const string CallbackPath = "/signin-oidc";
    public const string SignedOutCallbackPath = "/signout-callback-oidc";

    /// <summary>
    /// Refreshes in flight or just done, by the refresh token they redeem. The Identity service rotates refresh
    /// tokens and treats a second use of one as theft (it revokes the whole chain), so two requests of one session
    /// that both find the token due (two tabs, a double submit) must share one refresh, not race with the same
    /// token. Kept 30 s after completion for requests that read the old cookie a moment late; one process only,
    /// which is why the front end's instances should see a session's requests (sticky) where there are several.
    /// </summary>
    private static readonly ConcurrentDictionary<string, Lazy<Task<TokenResponse?>>> Refreshes = new(StringComparer.Ordinal);

    private static readonly string[] Scopes = ["openid", "profile", "roles", "offline_access"];

    public static IServiceCollection AddWebAuthentication(this IServiceCollection services, WebOptions options)
    {
        var authority = options.AuthorityUri;
        var protection = services.AddDataProtection().SetApplicationName("library-web");
        if (options.KeysDirectory is { Length: > 0 } keys)
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(keys));
        }

        var backchannel = services.AddHttpClient(nameof(WebAuthentication), client => client.Timeout = TimeSpan.FromSeconds(10));
        if (options.InternalAuthorityUri is { } internalAuthority)
        {
            backchannel.AddHttpMessageHandler(() => new InternalAuthorityHandler(authority, internalAuthority));
        }

        services.AddAuthentication()
            .AddCookie(CookieScheme, cookie =>
            {
                cookie.Cookie.Name = "library.web";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = false;
                cookie.ForwardChallenge = OidcScheme;
                cookie.AccessDeniedPath = "/denied";
                cookie.Events.OnValidatePrincipal = context => RefreshWhenDueAsync(context, TimeSpan.FromSeconds(options.RefreshAheadSeconds));
            })
            .AddOpenIdConnect(OidcScheme, oidc =>
            {
                oidc.SignInScheme = CookieScheme;
                oidc.SignOutScheme = CookieScheme;
                oidc.Authority = authority.ToString();
                oidc.RequireHttpsMetadata = authority.Scheme == Uri.UriSchemeHttps;
                if (options.InternalAuthorityUri is { } internalUri)
                {
                    oidc.BackchannelHttpHandler = new InternalAuthorityHandler(authority, internalUri) { InnerHandler = new SocketsHttpHandler() };
                }

                oidc.ClientId = options.ClientId;
                oidc.ResponseType = "code";
                oidc.UsePkce = true;

                // A top-level GET back to the front end, so its Lax cookies (correlation, nonce) come with it on
                // plain HTTP too; form_post would need SameSite=None, which browsers refuse without TLS.
                oidc.ResponseMode = "query";
                oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
                oidc.NonceCookie.SameSite = SameSiteMode.Lax;
                oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                oidc.CallbackPath = CallbackPath;
                oidc.SignedOutCallbackPath = SignedOutCallbackPath;
                oidc.SignedOutRedirectUri = "/";
                oidc.Scope.Clear();
                foreach (var scope in Scopes)
                {
                    oidc.Scope.Add(scope);
                }

                oidc.SaveTokens = true;
                oidc.GetClaimsFromUserInfoEndpoint = false;
                oidc.MapInboundClaims = false;
                oidc.TokenValidationParameters.NameClaimType = "name";
                oidc.TokenValidationParameters.RoleClaimType = "role";
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(WebPolicies.Public, policy => policy.AddAuthenticationSchemes(CookieScheme).RequireAssertion(_ => true))
            .AddPolicy(WebPolicies.SignedIn, policy => policy.AddAuthenticationSchemes(CookieScheme).RequireAuthenticatedUser())
            .AddPolicy(WebPolicies.Staff, policy => policy.AddAuthenticationSchemes(CookieScheme).RequireRole(WebPolicies.LibrarianRole, WebPolicies.AdminRole))
            .AddPolicy(WebPolicies.Admin, policy => policy.AddAuthenticationSchemes(CookieScheme).RequireRole(WebPolicies.AdminRole))
            .AddPolicy(WebPolicies.Reader, policy => policy.AddAuthenticationSchemes(CookieScheme).RequireRole(WebPolicies.ReaderRole));
        return services;
    }

    private static async Task RefreshWhenDueAsync(CookieValidatePrincipalContext context, TimeSpan refreshAhead)
    {
        var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        var expiresAt = context.Properties.GetTokenValue("expires_at");
        if (expiresAt is null
            || !DateTimeOffset.TryParse(expiresAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var expires)
            || expires - refreshAhead > clock.GetUtcNow())
        {
            return;
        }

        var refreshToken = context.Properties.GetTokenValue("refresh_token");
        var refreshed = refreshToken is null ? null : await SharedRefreshAsync(context.HttpContext, refreshToken);
        if (refreshed is null)
        {
            // Expired, revoked, or the account was locked or erased meanwhile: sign in again.
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme);
            return;
        }

        context.Properties.UpdateTokenValue("access_token", refreshed.AccessToken);
        context.Properties.UpdateTokenValue("refresh_token", refreshed.RefreshToken ?? refreshToken!);
        context.Properties.UpdateTokenValue(
            "expires_at", clock.GetUtcNow().AddSeconds(refreshed.ExpiresIn).ToString("o", CultureInfo.InvariantCulture));
        context.ShouldRenew = true;
    }

    private static async Task<TokenResponse?> SharedRefreshAsync(HttpContext http, string refreshToken)
    {
        var refresh = Refreshes.GetOrAdd(refreshToken, token => new Lazy<Task<TokenResponse?>>(() => RefreshAsync(http, token)));
        try
        {
            return await refresh.Value;
        }
        finally
        {
            _ = Task.Delay(TimeSpan.FromSeconds(30), CancellationToken.None)
                .ContinueWith(_ => Refreshes.TryRemove(KeyValuePair.Create(refreshToken, refresh)), TaskScheduler.Default);
        }
    }

    /// <summary>Not bound to the request that started it (it is shared); the back-channel client's timeout bounds it.</summary>
    private static async Task<TokenResponse?> RefreshAsync(HttpContext http, string refreshToken)
    {
        var services = http.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebAuthentication));
        try
        {
            return await RedeemAsync(services, refreshToken, logger);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            LogRefreshFailed(logger, ex);
            return null;
        }
    }

    private static async Task<TokenResponse?> RedeemAsync(IServiceProvider services, string refreshToken, ILogger logger)
    {
        var oidc = services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<OpenIdConnectOptions>>().Get(OidcScheme);
        var configuration = await oidc.ConfigurationManager!.GetConfigurationAsync(CancellationToken.None);
        using var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(WebAuthentication));
        using var response = await client.PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = oidc.ClientId!,
            ["refresh_token"] = refreshToken,
        }), CancellationToken.None);
        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            LogRefreshRefused(logger, status);
            return null;
        }

        return await response.Content.ReadFromJsonAsync<TokenResponse>(CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The refresh of a web session's tokens was refused ({Status}); the user signs in again")]
    private static partial void LogRefreshRefused(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The refresh of a web session's tokens failed; the user signs in again")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
