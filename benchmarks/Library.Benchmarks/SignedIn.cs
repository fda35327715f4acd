using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace Library.Benchmarks;

/// <summary>How the benchmark signs in: as the bootstrap admin, whose password it sets on the hosts it starts.</summary>
internal static class BenchIdentity
{
    public const string Admin = "admin";

    public const string AdminPassword = "bench-admin-password";

    private const string CertificatePassword = "bench";

    /// <summary>
    /// The settings a host running the Identity service needs outside Development: the bootstrap
    /// password and signing/encryption certificates (self-signed, created once per work folder).
    /// </summary>
    public static Dictionary<string, string> ServerSettings(string workDirectory)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Identity__BootstrapAdminPassword"] = AdminPassword,
        };
        foreach (var purpose in new[] { "Signing", "Encryption" })
        {
            settings[$"Identity__Keys__{purpose}Certificates__0__Path"] = CertificateFor(workDirectory, purpose);
            settings[$"Identity__Keys__{purpose}Certificates__0__Password"] = CertificatePassword;
        }

        return settings;
    }

    private static string CertificateFor(string workDirectory, string purpose)
    {
        var path = Path.Combine(workDirectory, "identity", $"{purpose.ToLowerInvariant()}.pfx");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest($"CN=library-bench-{purpose}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, CertificatePassword));
        }

        return path;
    }
}

/// <summary>
/// Puts an access token on every request, from the password grant of <c>library-cli</c>, and signs in
/// again a minute before it expires (tokens live 15 minutes; a run lasts longer). One sign-in at a time.
/// </summary>
internal sealed class TokenHandler(string username, string password) : DelegatingHandler
{
    private readonly SemaphoreSlim _signingIn = new(1, 1);
    private string? _token;
    private DateTimeOffset _renewAt;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(request.RequestUri!, cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _signingIn.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>One password grant of <c>library-cli</c>: the access token and how long it lives.</summary>
    public static async Task<(string Token, TimeSpan ExpiresIn)> GrantAsync(
        Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send, Uri tokenEndpoint, string username, string password, CancellationToken cancellationToken)
    {
        using var grant = new HttpRequestMessage(HttpMethod.Post, tokenEndpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "password",
                ["client_id"] = "library-cli",
                ["username"] = username,
                ["password"] = password,
            }),
        };
        using var response = await send(grant, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        if (!response.IsSuccessStatusCode || body?["access_token"] is null)
        {
            throw new InvalidOperationException($"Signing in as {username} answered {(int)response.StatusCode}: {body}");
        }

        return ((string)body["access_token"]!, TimeSpan.FromSeconds((int)body["expires_in"]!));
    }

    private async ValueTask<string> TokenAsync(Uri requestUri, CancellationToken cancellationToken)
    {
        if (_token is { } current && DateTimeOffset.UtcNow < _renewAt)
        {
            return current;
        }

        await _signingIn.WaitAsync(cancellationToken);
        try
        {
            if (_token is null || DateTimeOffset.UtcNow >= _renewAt)
            {
                var (token, expiresIn) = await GrantAsync(base.SendAsync, new Uri(requestUri, "/connect/token"), username, password, cancellationToken);
                _token = token;
                _renewAt = DateTimeOffset.UtcNow + expiresIn - TimeSpan.FromSeconds(60);
            }

            return _token;
        }
        finally
        {
            _signingIn.Release();
        }
    }
}
