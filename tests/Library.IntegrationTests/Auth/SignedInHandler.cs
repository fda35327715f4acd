using System.Net;
using System.Net.Http.Headers;

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
                _account ??= await AccountAsync();
                (_token, _expiresAt) = await SignInAsync(_account.Value.Username, _account.Value.Password);
            }

            return _token;
        }
        finally
        {
            _signingIn.Release();
        }
    }

    /// <summary>The account to sign in with; a staff account other than the admin is created on first use.</summary>
    private async Task<(string Username, string Password)> AccountAsync()
    {
        if (role == SignIn.Admin)
        {
            return (SignIn.Admin, adminPassword);
        }

        using var server = Server();
        return (await server.CreateStaffAsync(role, adminPassword), SignIn.LibrarianPassword);
    }

    private async Task<(string Token, DateTimeOffset ExpiresAt)> SignInAsync(string username, string password)
    {
        var issuedAt = clock.GetUtcNow();
        using var server = Server();
        var tokens = await server.TokensAsync(username, password);

        // Renewed a minute early, so a token never expires in the middle of a test's request.
        return ((string)tokens["access_token"]!, issuedAt.AddSeconds((int)tokens["expires_in"]! - 60));
    }

    /// <summary>The same server without this handler in the way, for signing in with the shared helpers.</summary>
    private HttpClient Server() => new(InnerHandler!, disposeHandler: false) { BaseAddress = _server };

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
