namespace Library.Identity;

/// <summary>Bound from <c>Identity</c>; see the README's "Signing in" and docs/adr/0018–0020.</summary>
internal sealed class IdentityOptions
{
    public const string SectionName = "Identity";

    /// <summary>The <c>iss</c> of every token: the public base URL clients use (the gateway's, or the development host's).</summary>
    public string? Issuer { get; set; }

    /// <summary>
    /// Whether the endpoints refuse plain HTTP. Off where TLS ends in front of the service (the gateway,
    /// an ingress) and on the loopback development host; on by default so that nothing forgets it.
    /// </summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>At most 15 (spec section 5); anything above is refused at start-up.</summary>
    public int AccessTokenLifetimeMinutes { get; set; } = 15;

    /// <summary>Each refresh rotates the token; an unused one expires after this.</summary>
    public int RefreshTokenLifetimeHours { get; set; } = 24;

    /// <summary>The password of the <c>admin</c> account created when no admin exists; required then, outside Development too.</summary>
    public string? BootstrapAdminPassword { get; set; }

    public PasswordGrantOptions PasswordGrant { get; set; } = new();

    public KeyOptions Keys { get; set; } = new();

    public WebClientOptions WebClient { get; set; } = new();

    /// <summary>Registered machine clients (self-check kiosks) by client id, for the client_credentials grant.</summary>
    public Dictionary<string, MachineClientOptions> MachineClients { get; set; } = new(StringComparer.Ordinal);

    public TokenRateLimitOptions TokenRateLimit { get; set; } = new();
}

internal sealed class PasswordGrantOptions
{
    /// <summary>The first-party client that may use the password grant.</summary>
    public const string ClientId = "library-cli";

    public bool Enabled { get; set; } = true;
}

internal sealed class KeyOptions
{
    /// <summary>
    /// Development only: where the signing and encryption keys are created once and kept, so tokens
    /// survive a restart. Refused in the Production environment.
    /// </summary>
    public string? DevelopmentDirectory { get; set; }

    /// <summary>PKCS#12 files; the first valid one signs, all are published (rotation: docs/adr/0019).</summary>
    public List<CertificateOptions> SigningCertificates { get; set; } = [];

    public List<CertificateOptions> EncryptionCertificates { get; set; } = [];
}

internal sealed class CertificateOptions
{
    public string? Path { get; set; }

    public string? Password { get; set; }
}

internal sealed class WebClientOptions
{
    public string ClientId { get; set; } = "library-web";

    /// <summary>Where the web front end receives its authorization code; none means the client is not registered.</summary>
    public List<string> RedirectUris { get; set; } = [];

    /// <summary>Where <c>/connect/endsession</c> may send the browser after signing out.</summary>
    public List<string> PostLogoutRedirectUris { get; set; } = [];
}

internal sealed class MachineClientOptions
{
    public string? Secret { get; set; }

    /// <summary>The role its tokens carry: <c>librarian</c> unless configured (a kiosk works at the desk's level).</summary>
    public string Role { get; set; } = "librarian";

    public string? DisplayName { get; set; }
}

internal sealed class TokenRateLimitOptions
{
    /// <summary>Token requests per client address per window.</summary>
    public int PermitLimit { get; set; } = 20;

    public int WindowSeconds { get; set; } = 60;
}
