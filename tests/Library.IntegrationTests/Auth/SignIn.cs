using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Library.IntegrationTests.Auth;

/// <summary>
/// Signs a test client in the way a real client does: the password grant of <c>library-cli</c> at
/// <c>/connect/token</c>. Each <c>As…</c> method puts the access token on the client's default headers
/// and returns the same client, so an existing test becomes signed in with one line.
/// </summary>
public static class SignIn
{
    /// <summary>The development default of <c>Identity:BootstrapAdminPassword</c> (appsettings.Development.json).</summary>
    public const string DevelopmentAdminPassword = "dev-admin-password";

    public const string Admin = "admin";
    public const string CliClient = "library-cli";
    public const string ReaderPassword = "reader-password-1";
    public const string LibrarianPassword = "librarian-password-1";

    private static int _librarians;

    /// <summary>Sends the password grant; returns the response as it came (a test of failures reads the OAuth error).</summary>
    public static Task<HttpResponseMessage> PasswordGrantAsync(this HttpClient client, string username, string password, string scope = "openid offline_access") =>
        client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = CliClient,
            ["username"] = username,
            ["password"] = password,
            ["scope"] = scope,
        }));

    public static Task<HttpResponseMessage> RefreshGrantAsync(this HttpClient client, string refreshToken) =>
        client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = CliClient,
            ["refresh_token"] = refreshToken,
        }));

    /// <summary>The token response of a successful password grant (<c>access_token</c>, <c>refresh_token</c>, <c>expires_in</c>…).</summary>
    public static async Task<JsonObject> TokensAsync(this HttpClient client, string username, string password)
    {
        var response = await client.PasswordGrantAsync(username, password);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Sign-in as {username} answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    public static async Task<string> AccessTokenAsync(this HttpClient client, string username, string password) =>
        (string)(await client.TokensAsync(username, password))["access_token"]!;

    /// <summary>Puts <paramref name="accessToken"/> on every request of <paramref name="client"/>.</summary>
    public static HttpClient WithToken(this HttpClient client, string accessToken)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public static async Task<HttpClient> AsAdminAsync(this HttpClient client) =>
        client.WithToken(await client.AccessTokenAsync(Admin, DevelopmentAdminPassword));

    /// <summary>Creates a new librarian (as the development admin) and signs <paramref name="client"/> in as them.</summary>
    public static async Task<HttpClient> AsLibrarianAsync(this HttpClient client)
    {
        var username = await client.CreateStaffAsync("librarian");
        return client.WithToken(await client.AccessTokenAsync(username, LibrarianPassword));
    }

    public static async Task<HttpClient> AsReaderAsync(this HttpClient client, string readerNumberOrEmail, string password = ReaderPassword) =>
        client.WithToken(await client.AccessTokenAsync(readerNumberOrEmail, password));

    /// <summary>Creates a staff account with <see cref="LibrarianPassword"/> using an admin token of its own; returns the username.</summary>
    public static async Task<string> CreateStaffAsync(this HttpClient client, string role, string adminPassword = DevelopmentAdminPassword)
    {
        var username = $"{role}-{Interlocked.Increment(ref _librarians)}-{Guid.NewGuid():N}"[..40];
        var adminToken = await client.AccessTokenAsync(Admin, adminPassword);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/staff")
        {
            Content = JsonContent.Create(new { username, password = LibrarianPassword, role }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        using var response = await client.SendAsync(request);
        await response.ShouldBe(HttpStatusCode.Created);
        return username;
    }

    /// <summary>
    /// Sets the reader's password as staff (with <paramref name="staffToken"/>), waiting until the Identity
    /// service's replica knows the reader (it follows <c>reader.registered</c> within milliseconds).
    /// </summary>
    public static Task SetReaderPasswordAsync(this HttpClient client, string readerId, string staffToken, string password = ReaderPassword) =>
        Eventually.Until(
            async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/readers/{readerId}/credentials")
                {
                    Content = JsonContent.Create(new { password }),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", staffToken);
                using var response = await client.SendAsync(request);
                return response.StatusCode;
            },
            status => status == HttpStatusCode.NoContent,
            what: $"credentials of reader {readerId} set");

    /// <summary>Registers a reader and gives them <see cref="ReaderPassword"/>; returns the registration (readerId, readerNumber…).</summary>
    public static async Task<JsonObject> RegisterReaderWithPasswordAsync(this HttpClient client, Dictionary<string, object?>? registration = null)
    {
        // Registration is the desk's: done with an admin token, leaving the client's own credentials as they were.
        var adminToken = await client.AccessTokenAsync(Admin, DevelopmentAdminPassword);
        var own = client.DefaultRequestHeaders.Authorization;
        JsonObject reader;
        try
        {
            reader = await client.WithToken(adminToken).Register(registration);
        }
        finally
        {
            client.DefaultRequestHeaders.Authorization = own;
        }

        await client.SetReaderPasswordAsync((string)reader["readerId"]!, adminToken);
        return reader;
    }
}
