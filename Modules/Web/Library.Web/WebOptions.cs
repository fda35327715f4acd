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
    /// Where the keys that protect the sign-in cookie are kept; every instance of the front end must share them,
    /// and they must survive a restart, or every librarian is signed out by a deployment.
    /// </summary>
    public string? KeysDirectory { get; set; }

    public Uri AuthorityUri => Absolute(Authority, "Web:Authority");

    public Uri ApiBaseUri => Absolute(ApiBaseUrl ?? Authority, "Web:ApiBaseUrl");

    private static Uri Absolute(string? value, string key) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidOperationException($"{key} must be an absolute URL (the Identity service's and the API's public base URL).");
}
