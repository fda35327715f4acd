using System.Collections.Immutable;
using System.Security.Claims;
using Library.BuildingBlocks.Security;
using Library.Identity.Accounts;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using IdentityMediator = Library.Identity.Messaging.Mediator;

namespace Library.Identity.Tokens.Exchange;

/// <summary>
/// <c>POST /connect/token</c>. OpenIddict has already authenticated the client, checked its grant
/// permissions and, for refresh tokens and codes, validated and redeemed the token; this decides who
/// the tokens are for. Errors are OAuth 2.0 JSON (<c>invalid_grant</c>, <c>invalid_client</c>), not problems.
/// </summary>
internal static class TokenEndpoint
{
    public const string Path = "/connect/token";

    private static readonly ImmutableArray<string> GrantableScopes =
        [Scopes.OpenId, Scopes.OfflineAccess, Scopes.Profile, Scopes.Roles];

    public static void MapToken(this IEndpointRouteBuilder routes) =>
        routes.MapPost(Path, ExchangeAsync)
            .AllowAnonymous()
            .RequireRateLimiting(TokenRateLimit.PolicyName)
            .DisableAntiforgery()
            .ExcludeFromDescription();

    private static async Task<IResult> ExchangeAsync(
        HttpContext http,
        IdentityMediator mediator,
        IOptions<IdentityOptions> options,
        CancellationToken cancellationToken)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server did not handle this token request.");

        if (request.IsPasswordGrantType())
        {
            var signedIn = await mediator.Send(new PasswordSignInCommand(request.Username, request.Password), cancellationToken);
            return signedIn.IsSuccess
                ? SignIn(signedIn.Value, request.GetScopes())
                : InvalidGrant("The username or password is incorrect, or the account is locked.");
        }

        if (request.IsRefreshTokenGrantType() || request.IsAuthorizationCodeGrantType())
        {
            var redeemed = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            if (!Guid.TryParse(redeemed.Principal?.GetClaim(Claims.Subject), out var accountId))
            {
                return InvalidGrant("The token is no longer valid.");
            }

            // The account may have been deleted (an erased reader) or locked since the token was issued.
            var current = await mediator.Send(new CurrentAccountQuery(accountId), cancellationToken);
            return current.IsSuccess
                ? SignIn(current.Value, redeemed.Principal!.GetScopes())
                : InvalidGrant("The account can no longer sign in.");
        }

        if (request.IsClientCredentialsGrantType()
            && request.ClientId is { } clientId
            && options.Value.MachineClients.TryGetValue(clientId, out var machine))
        {
            var identity = NewIdentity();
            identity.SetClaim(Claims.Subject, clientId)
                .SetClaim(Claims.Name, machine.DisplayName ?? clientId)
                .SetClaim(Claims.Role, machine.Role);
            return Issue(identity, request.GetScopes().Remove(Scopes.OfflineAccess));
        }

        return TypedResults.Forbid(
            Properties(Errors.UnsupportedGrantType, "This grant type is not supported."),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    internal static SignInHttpResult SignIn(SignedInAccount account, ImmutableArray<string> requestedScopes)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, account.Id.ToString())
            .SetClaim(Claims.Name, account.Username)
            .SetClaim(Claims.Role, account.Role);
        if (account.ReaderId is { } readerId)
        {
            identity.SetClaim(LibraryClaims.ReaderId, readerId.ToString());
        }

        return Issue(identity, requestedScopes);
    }

    private static SignInHttpResult Issue(ClaimsIdentity identity, ImmutableArray<string> requestedScopes)
    {
        identity.SetScopes(requestedScopes.Intersect(GrantableScopes));

        // Every access token is for the Library API, whatever the client asked: one audience, checked by every service.
        identity.SetResources(LibraryClaims.Audience);
        identity.SetAudiences(LibraryClaims.Audience);
        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Name or Claims.Role or LibraryClaims.ReaderId => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
        return TypedResults.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static ClaimsIdentity NewIdentity() =>
        new(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);

    private static ForbidHttpResult InvalidGrant(string description) =>
        TypedResults.Forbid(Properties(Errors.InvalidGrant, description), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    internal static AuthenticationProperties Properties(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });
}
