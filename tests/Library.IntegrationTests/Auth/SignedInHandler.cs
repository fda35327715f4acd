using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Library.IntegrationTests.Auth;

/// <summary>
/// Signs every request of a test client in, as a real client does: the password grant at
/// <c>/connect/token</c>, the bearer token on each request, a new sign-in once the token has expired
/// by the host's clock (the tests move a fake clock by days) or when a request is answered 401.
/// The account is made on first use: a librarian is created by the development admin.
/// </summary>
internal sealed class SignedInHandler(string role, TimeProvider clock, string adminPassword = SignIn.DevelopmentAdminPassword) : DelegatingHandler
{
    private readonly SemaphoreSlim _signingIn = new(1, 1);
    private (string Username, string Password)? _account;
    private string? _token;
    private DateTimeOffset _expiresAt;
    private Uri? _server;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization is not null || request.RequestUri?.OriginalString.Contains("/connect/", StringComparison.Ordinal) == true)
        {
            return await base.SendAsync(request, cancellationToken); // the test chose its own credentials, or is signing in
        }

        _server ??= new Uri(request.RequestUri!.GetLeftPart(UriPartial.Authority));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(renew: false, cancellationToken));
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized || request.Content is StreamContent)
        {
            return response;
        }

        // Expired between the check and the request (the clock moved): sign in again, once.
        response.Dispose();
        using var retry = await CloneAsync(request, cancellationToken);
        retry.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(renew: true, cancellationToken));
        return await base.SendAsync(retry, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _signingIn.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task<string> TokenAsync(bool renew, CancellationToken cancellationToken)
    {
        await _signingIn.WaitAsync(cancellationToken);
        try
        {
            if (renew || _token is null || clock.GetUtcNow() >= _expiresAt)
            {
                _account ??= await AccountAsync(cancellationToken);
                (_token, _expiresAt) = await SignInAsync(_account.Value.Username, _account.Value.Password, cancellationToken);
            }

            return _token;
        }
        finally
        {
            _signingIn.Release();
        }
    }

    private async Task<(string Username, string Password)> AccountAsync(CancellationToken cancellationToken)
    {
        if (role == SignIn.Admin)
        {
            return (SignIn.Admin, adminPassword);
        }

        var (adminToken, _) = await SignInAsync(SignIn.Admin, adminPassword, cancellationToken);
        var username = $"{role}-{Guid.NewGuid():N}"[..30];
        using var create = new HttpRequestMessage(HttpMethod.Post, new Uri(_server!, "/api/staff"))
        {
            Content = JsonContent.Create(new { username, password = SignIn.LibrarianPassword, role }),
        };
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        using var created = await base.SendAsync(create, cancellationToken);
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"Creating the {role} account answered {(int)created.StatusCode}.");
        return (username, SignIn.LibrarianPassword);
    }

    private async Task<(string Token, DateTimeOffset ExpiresAt)> SignInAsync(string username, string password, CancellationToken cancellationToken)
    {
        using var grant = new HttpRequestMessage(HttpMethod.Post, new Uri(_server!, "/connect/token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "password",
                ["client_id"] = SignIn.CliClient,
                ["username"] = username,
                ["password"] = password,
                ["scope"] = "openid",
            }),
        };
        var issuedAt = clock.GetUtcNow();
        using var response = await base.SendAsync(grant, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Sign-in as {username} answered {(int)response.StatusCode}: {body}");
        var tokens = JsonNode.Parse(body)!;

        // Renewed a minute early, so a token never expires in the middle of a test's request.
        return ((string)tokens["access_token"]!, issuedAt.AddSeconds((int)tokens["expires_in"]! - 60));
    }

    private static async Task<HttpRequestMessage> CloneAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var clone = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version };
        foreach (var header in request.Headers.Where(h => h.Key != "Authorization"))
        {
            clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (request.Content is { } content)
        {
            var bytes = await content.ReadAsByteArrayAsync(cancellationToken);
            clone.Content = new ByteArrayContent(bytes);
            foreach (var header in content.Headers)
            {
                clone.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return clone;
    }
}
