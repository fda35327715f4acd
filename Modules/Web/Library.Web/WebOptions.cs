namespace Library.Web;

/// <summary>Bound from <c>Web</c>: where the front end finds the Identity service and the API.</summary>
internal sealed class WebOptions
{
    public const string SectionName = "Web";

    /// <summary>The Identity service's public base URL (the OpenID Connect issuer): the gateway's, or the development host's own.</summary>
    public string? Authority { get; set; }

    /// <summary>
    /// Where the front end calls the API from the server: the gateway, or the development host itself. Defaults to
    /// <see cref="Authority"/>, as both are one base URL in every topology we ship.
    /// </summary>
    public string? ApiBaseUrl { get; set; }

    public string ClientId { get; set; } = "library-web";

    /// <summary>
    /// Where this server reaches <see cref="Authority"/> itself, when the public URL does not resolve from inside its
    /// network (a container behind the published gateway port): the browser is sent to the public URL, the server's
    /// own calls to the Identity service (discovery, keys, the code exchange, refreshes) go here. None: the public URL.
    /// </summary>
    public string? InternalAuthority { get; set; }

    /// <summary>
    /// Where the keys that protect the sign-in cookie are kept; every instance of the front end must share them,
    /// and they must survive a restart, or every librarian is signed out by a deployment.
    /// </summary>
    public string? KeysDirectory { get; set; }

    /// <summary>
    /// How long before the access token's expiry a request refreshes it. One minute by default; the browser tests
    /// set the token's whole lifetime, so that every page they load goes through a refresh.
    /// </summary>
    public int RefreshAheadSeconds { get; set; } = 60;

    public Uri AuthorityUri => Absolute(Authority, "Web:Authority");

    public Uri ApiBaseUri => Absolute(ApiBaseUrl ?? InternalAuthority ?? Authority, "Web:ApiBaseUrl");

    public Uri? InternalAuthorityUri => InternalAuthority is null ? null : Absolute(InternalAuthority, "Web:InternalAuthority");

    private static Uri Absolute(string? value, string key) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidOperationException($"{key} must be an absolute URL (the Identity service's and the API's public base URL).");
}
