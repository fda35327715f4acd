using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Library.IntegrationTests.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace Library.IntegrationTests;

/// <summary>The development host with a registered kiosk and web front end, as the Identity tests need them.</summary>
public class IdentityAppFactory : LibraryAppFactory
{
    public const string KioskId = "kiosk-1";
    public const string KioskSecret = "kiosk-secret-for-tests-only";
    public const string WebRedirect = "https://web.example.org/signed-in";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting($"Identity:MachineClients:{KioskId}:Secret", KioskSecret);
        builder.UseSetting($"Identity:MachineClients:{KioskId}:DisplayName", "Self-check kiosk 1");
        builder.UseSetting("Identity:WebClient:RedirectUris:0", WebRedirect);
        builder.UseSetting("Identity:WebClient:PostLogoutRedirectUris:0", WebSignedOut);
    }

    public const string WebSignedOut = "https://web.example.org/signed-out";
}

/// <summary>Three token requests per address per minute, to reach the limit in a test.</summary>
public sealed class RateLimitedAppFactory : LibraryAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Identity:TokenRateLimit:PermitLimit", "3");
    }
}

public sealed class PasswordGrantOffAppFactory : LibraryAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Identity:PasswordGrant:Enabled", "false");
    }
}

public sealed class IdentityTests(IdentityAppFactory app) : IClassFixture<IdentityAppFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task Discovery_names_the_endpoints_and_grants_and_the_key_set_has_public_keys_only()
    {
        var discovery = await (await _client.GetAsync("/.well-known/openid-configuration")).ShouldBe(HttpStatusCode.OK);
        Assert.EndsWith("/connect/token", (string)discovery["token_endpoint"]!, StringComparison.Ordinal);
        Assert.EndsWith("/connect/authorize", (string)discovery["authorization_endpoint"]!, StringComparison.Ordinal);
        var grants = discovery["grant_types_supported"]!.AsArray().Select(g => (string)g!).ToList();
        Assert.Superset(new HashSet<string> { "password", "refresh_token", "client_credentials", "authorization_code" }, grants.ToHashSet());
        Assert.Contains("S256", discovery["code_challenge_methods_supported"]!.AsArray().Select(m => (string)m!));

        var jwks = await (await _client.GetAsync(new Uri((string)discovery["jwks_uri"]!).PathAndQuery)).ShouldBe(HttpStatusCode.OK);
        var keys = jwks["keys"]!.AsArray();
        Assert.NotEmpty(keys);
        Assert.All(keys, key =>
        {
            Assert.Equal("RSA", (string)key!["kty"]!);
            Assert.False(string.IsNullOrEmpty((string?)key["kid"]));
            Assert.Null(key["d"]); // never the private part
        });
    }

    [Fact]
    public async Task The_admin_signs_in_and_the_token_says_who_for_whom_and_for_at_most_15_minutes()
    {
        var tokens = await _client.TokensAsync(SignIn.Admin, SignIn.DevelopmentAdminPassword);
        Assert.Equal("Bearer", (string)tokens["token_type"]!);
        Assert.InRange((int)tokens["expires_in"]!, 1, 900);
        Assert.NotNull((string?)tokens["refresh_token"]);

        var claims = Payload((string)tokens["access_token"]!);
        Assert.Equal("library-api", Audiences(claims).Single());
        Assert.Equal("admin", (string)claims["role"]!);
        Assert.Equal("admin", (string)claims["name"]!);
        Assert.Equal(await IssuerAsync(), (string)claims["iss"]!);
        Assert.InRange((long)claims["exp"]! - (long)claims["iat"]!, 1, 900);

        var me = await (await _client.WithToken((string)tokens["access_token"]!).GetAsync("/api/me")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal((string)claims["sub"]!, (string)me["subject"]!);
        Assert.Equal("admin", (string)me["username"]!);
        Assert.Equal("admin", (string)me["role"]!);
        Assert.Null(me["readerId"]);
    }

    [Fact]
    public async Task Staff_accounts_are_created_by_an_admin_only_and_usernames_are_unique_ignoring_case()
    {
        var admin = await app.CreateClient().AsAdminAsync();
        var username = $"Desk-{Guid.NewGuid():N}"[..20];
        var created = await (await admin.PostJson("/api/staff", new { username, password = "librarian-pass", role = "librarian" })).ShouldBe(HttpStatusCode.Created);
        Assert.True(Guid.TryParse((string?)created["staffId"], out _));

        await (await admin.PostJson("/api/staff", new { username = username.ToUpperInvariant(), password = "another-pass", role = "admin" }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "staff.username_taken");
        var invalid = await (await admin.PostJson("/api/staff", new { username = "a@b", password = "short", role = "reader" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "request.validation_failed");
        Assert.Equal(["password", "role", "username"], invalid["errors"]!.AsObject().Select(e => e.Key).Order());

        var librarian = await app.CreateClient().AsReaderAsync(username, "librarian-pass");
        Assert.Equal("librarian", (string)(await (await librarian.GetAsync("/api/me")).ShouldBe(HttpStatusCode.OK))["role"]!);
        await (await librarian.PostJson("/api/staff", new { username = "x" + username, password = "librarian-pass", role = "admin" }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");

        var anonymous = await app.CreateClient().PostJson("/api/staff", new { username = "y" + username, password = "librarian-pass", role = "admin" });
        await anonymous.ShouldBeProblem(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        Assert.Contains(anonymous.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task A_reader_signs_in_with_number_or_email_and_changes_their_own_password_with_the_current_one()
    {
        var email = $"sign-in-{Guid.NewGuid():N}@example.org";
        var reader = await _client.RegisterReaderWithPasswordAsync(ReaderScenario.ValidRegistration(email));
        var readerId = (string)reader["readerId"]!;
        var number = (string)reader["readerNumber"]!;

        var byNumber = await app.CreateClient().AsReaderAsync(number);
        var me = await (await byNumber.GetAsync("/api/me")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(("reader", readerId, readerId, number), ((string)me["role"]!, (string)me["readerId"]!, (string)me["subject"]!, (string)me["username"]!));
        var byEmail = await app.CreateClient().AsReaderAsync(email.ToUpperInvariant());
        Assert.Equal(readerId, (string)(await (await byEmail.GetAsync("/api/me")).ShouldBe(HttpStatusCode.OK))["readerId"]!);

        var url = $"/api/readers/{readerId}/credentials";
        await (await byNumber.SendJson(HttpMethod.Put, url, new { password = "new-password-1" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "credentials.current_password_required");
        await (await byNumber.SendJson(HttpMethod.Put, url, new { password = "new-password-1", currentPassword = "not-my-password" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "credentials.current_password_incorrect");
        await (await byNumber.SendJson(HttpMethod.Put, url, new { password = "short", currentPassword = SignIn.ReaderPassword }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "request.validation_failed");
        await (await byNumber.SendJson(HttpMethod.Put, url, new { password = "new-password-1", currentPassword = SignIn.ReaderPassword }))
            .ShouldBe(HttpStatusCode.NoContent);

        await (await _client.PasswordGrantAsync(number, SignIn.ReaderPassword)).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant");
        await app.CreateClient().AsReaderAsync(number, "new-password-1");
    }

    [Fact]
    public async Task Staff_set_a_readers_credentials_a_reader_cannot_touch_anothers_and_an_unknown_reader_is_404()
    {
        var first = await _client.RegisterReaderWithPasswordAsync();
        var second = await _client.RegisterReaderWithPasswordAsync();
        var reader = await app.CreateClient().AsReaderAsync((string)first["readerNumber"]!);

        // Another reader's credentials: 404 as if the reader did not exist, with or without their password.
        await (await reader.SendJson(HttpMethod.Put, $"/api/readers/{second["readerId"]}/credentials", new { password = "taken-over-1", currentPassword = SignIn.ReaderPassword }))
            .ShouldBeProblem(HttpStatusCode.NotFound, "reader.not_found");
        await app.CreateClient().AsReaderAsync((string)second["readerNumber"]!);

        var librarian = await app.CreateClient().AsLibrarianAsync();
        await (await librarian.SendJson(HttpMethod.Put, $"/api/readers/{second["readerId"]}/credentials", new { password = "reset-at-desk-1" }))
            .ShouldBe(HttpStatusCode.NoContent);
        await app.CreateClient().AsReaderAsync((string)second["readerNumber"]!, "reset-at-desk-1");

        await (await librarian.SendJson(HttpMethod.Put, $"/api/readers/{Guid.NewGuid()}/credentials", new { password = "nobody-has-this" }))
            .ShouldBeProblem(HttpStatusCode.NotFound, "reader.not_found");
        await (await app.CreateClient().SendJson(HttpMethod.Put, $"/api/readers/{first["readerId"]}/credentials", new { password = "anonymous-try" }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Fact]
    public async Task A_wrong_password_or_an_unknown_user_is_invalid_grant_and_says_neither()
    {
        var wrong = await (await _client.PasswordGrantAsync(SignIn.Admin, "not-the-password")).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant");
        var unknown = await (await _client.PasswordGrantAsync("nobody-" + Guid.NewGuid().ToString("N")[..8], "not-the-password")).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant");
        Assert.Equal((string?)wrong["error_description"], (string?)unknown["error_description"]);
        await (await _client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "no-such-client",
            ["username"] = SignIn.Admin,
            ["password"] = SignIn.DevelopmentAdminPassword,
        }))).ShouldBeOAuthError(HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task Five_failures_in_15_minutes_lock_the_account_for_15_minutes()
    {
        var username = await _client.CreateStaffAsync("librarian");
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await (await _client.PasswordGrantAsync(username, "wrong-password")).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant");
        }

        // Locked: the right password is refused too.
        await (await _client.PasswordGrantAsync(username, SignIn.LibrarianPassword)).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant");
        app.Clock.Advance(TimeSpan.FromMinutes(14));
        await (await _client.PasswordGrantAsync(username, SignIn.LibrarianPassword)).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant");
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await _client.TokensAsync(username, SignIn.LibrarianPassword);
    }

    [Fact]
    public async Task Failures_spread_over_more_than_15_minutes_do_not_lock()
    {
        var username = await _client.CreateStaffAsync("librarian");
        for (var attempt = 0; attempt < 4; attempt++)
        {
            await (await _client.PasswordGrantAsync(username, "wrong-password")).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant");
        }

        app.Clock.Advance(TimeSpan.FromMinutes(16));
        await (await _client.PasswordGrantAsync(username, "wrong-password")).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant");
        await _client.TokensAsync(username, SignIn.LibrarianPassword);
    }

    [Fact]
    public async Task Refresh_tokens_rotate_and_a_reused_one_is_refused_and_ends_the_chain()
    {
        var first = await _client.TokensAsync(SignIn.Admin, SignIn.DevelopmentAdminPassword);
        var firstRefresh = (string)first["refresh_token"]!;
        var rotated = await (await _client.RefreshGrantAsync(firstRefresh)).ShouldBe(HttpStatusCode.OK);
        var secondRefresh = (string)rotated["refresh_token"]!;
        Assert.NotEqual(firstRefresh, secondRefresh);
        await (await app.CreateClient().WithToken((string)rotated["access_token"]!).GetAsync("/api/me")).ShouldBe(HttpStatusCode.OK);

        await (await _client.RefreshGrantAsync(firstRefresh)).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant");

        // Reuse means the token leaked: the token issued in its place is revoked too (RFC 9700, 4.14.2).
        await (await _client.RefreshGrantAsync(secondRefresh)).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task A_registered_machine_client_gets_a_token_with_client_credentials_and_a_wrong_secret_is_invalid_client()
    {
        var response = await _client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = IdentityAppFactory.KioskId,
            ["client_secret"] = IdentityAppFactory.KioskSecret,
        }));
        var tokens = await response.ShouldBe(HttpStatusCode.OK);
        Assert.Null(tokens["refresh_token"]);
        var me = await (await app.CreateClient().WithToken((string)tokens["access_token"]!).GetAsync("/api/me")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal((IdentityAppFactory.KioskId, "librarian"), ((string)me["subject"]!, (string)me["role"]!));

        await (await _client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = IdentityAppFactory.KioskId,
            ["client_secret"] = "wrong-secret-wrong-secret",
        }))).ShouldBeOAuthError(HttpStatusCode.Unauthorized, "invalid_client");

        // The public first-party client may not use client_credentials.
        await (await _client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = SignIn.CliClient,
        }))).ShouldBeOAuthError(HttpStatusCode.BadRequest, "unauthorized_client", "invalid_request");
    }

    [Fact]
    public async Task Forged_expired_or_foreign_tokens_are_401_and_a_correctly_made_one_is_accepted()
    {
        var issuer = await IssuerAsync();
        var ours = OurSigningKey();
        var foreign = new RsaSecurityKey(RSA.Create(2048)) { KeyId = ours.KeyId };

        // The control: a token made here with our key, issuer and audience is accepted, so each refusal
        // below is for the one thing that differs.
        await ShouldBe(HttpStatusCode.OK, Forge(ours, issuer, "library-api"));
        await ShouldBe(HttpStatusCode.Unauthorized, Forge(ours, "https://evil.example.org/", "library-api"));
        await ShouldBe(HttpStatusCode.Unauthorized, Forge(ours, issuer, "another-api"));
        await ShouldBe(HttpStatusCode.Unauthorized, Forge(foreign, issuer, "library-api"));
        await ShouldBe(HttpStatusCode.Unauthorized, Forge(ours, issuer, "library-api", expires: app.Clock.GetUtcNow().AddSeconds(-1).UtcDateTime));

        var real = await _client.AccessTokenAsync(SignIn.Admin, SignIn.DevelopmentAdminPassword);
        var parts = real.Split('.');
        var unsigned = $"{Base64Url("{\"alg\":\"none\",\"typ\":\"at+jwt\"}")}.{parts[1]}.";
        await ShouldBe(HttpStatusCode.Unauthorized, unsigned);

        var reader = await _client.RegisterReaderWithPasswordAsync();
        var readerToken = await _client.AccessTokenAsync((string)reader["readerNumber"]!, SignIn.ReaderPassword);
        var readerParts = readerToken.Split('.');
        var edited = Payload(readerToken);
        edited["role"] = "admin";
        await ShouldBe(HttpStatusCode.Unauthorized, $"{readerParts[0]}.{Base64Url(edited.ToJsonString())}.{readerParts[2]}");
        await ShouldBe(HttpStatusCode.Unauthorized, "not-a-token");

        // A real token, then 16 minutes later.
        var expiring = await _client.AccessTokenAsync(SignIn.Admin, SignIn.DevelopmentAdminPassword);
        await ShouldBe(HttpStatusCode.OK, expiring);
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        await ShouldBe(HttpStatusCode.Unauthorized, expiring);

        async Task ShouldBe(HttpStatusCode status, string token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await _client.SendAsync(request);
            if (status == HttpStatusCode.Unauthorized)
            {
                await response.ShouldBeProblem(HttpStatusCode.Unauthorized, "auth.unauthenticated");
                Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
            }
            else
            {
                await response.ShouldBe(status);
            }
        }
    }

    [Fact]
    public async Task The_web_client_is_registered_for_the_code_flow_with_pkce_and_its_redirect_uri_only()
    {
        using var noRedirects = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes("a-code-verifier-of-at-least-43-characters-for-pkce")));
        var query = $"client_id=library-web&response_type=code&scope=openid&state=s1&code_challenge={challenge}&code_challenge_method=S256";

        // Nobody signed in: to the sign-in page, which comes back to this request; with prompt=none, login_required.
        var valid = await noRedirects.GetAsync($"/connect/authorize?{query}&redirect_uri={Uri.EscapeDataString(IdentityAppFactory.WebRedirect)}");
        Assert.Equal(HttpStatusCode.Redirect, valid.StatusCode);
        Assert.StartsWith("/account/signin?returnUrl=%2Fconnect%2Fauthorize%3F", valid.Headers.Location!.ToString(), StringComparison.Ordinal);
        var silent = await noRedirects.GetAsync($"/connect/authorize?{query}&prompt=none&redirect_uri={Uri.EscapeDataString(IdentityAppFactory.WebRedirect)}");
        Assert.StartsWith(IdentityAppFactory.WebRedirect + "?", silent.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Contains("error=login_required", silent.Headers.Location!.Query, StringComparison.Ordinal);

        // Never redirected to an address that was not registered.
        var foreign = await noRedirects.GetAsync($"/connect/authorize?{query}&redirect_uri={Uri.EscapeDataString("https://evil.example.org/")}");
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);

        var withoutPkce = await noRedirects.GetAsync($"/connect/authorize?client_id=library-web&response_type=code&scope=openid&redirect_uri={Uri.EscapeDataString(IdentityAppFactory.WebRedirect)}");
        Assert.True(
            withoutPkce.StatusCode == HttpStatusCode.BadRequest || withoutPkce.Headers.Location?.Query.Contains("error=invalid_request", StringComparison.Ordinal) == true,
            $"A request without PKCE answered {(int)withoutPkce.StatusCode} {withoutPkce.Headers.Location}");
    }

    [Fact]
    public async Task The_sign_in_page_issues_a_code_for_the_pkce_verifier_only_once_and_the_end_of_the_session_asks_again()
    {
        using var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        const string verifier = "another-code-verifier-of-at-least-43-characters-for-pkce";
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = $"/connect/authorize?client_id=library-web&response_type=code&scope=openid%20offline_access%20roles&state=s2&code_challenge={challenge}" +
            $"&code_challenge_method=S256&redirect_uri={Uri.EscapeDataString(IdentityAppFactory.WebRedirect)}";

        var toSignIn = await browser.GetAsync(authorize);
        var page = await (await browser.GetAsync(toSignIn.Headers.Location)).Content.ReadAsStringAsync();
        var form = SignInForm.Parse(page);
        Assert.StartsWith("/connect/authorize?", form.ReturnUrl, StringComparison.Ordinal);

        // A wrong password is the page again with the one message, no session; a bad antiforgery token is refused.
        var wrong = await browser.PostAsync("/account/signin", form.With("admin", "not-the-password"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("The username or password is incorrect, or the account is locked.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var forged = await browser.PostAsync("/account/signin", (form with { Token = "forged" }).With(SignIn.Admin, SignIn.DevelopmentAdminPassword));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(authorize)).StatusCode);
        Assert.StartsWith("/account/signin", (await browser.GetAsync(authorize)).Headers.Location!.ToString(), StringComparison.Ordinal);

        // The right one goes back to the authorize request, which now issues a code to the registered address.
        var signedIn = await browser.PostAsync("/account/signin", form.With(SignIn.Admin, SignIn.DevelopmentAdminPassword));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(form.ReturnUrl, signedIn.Headers.Location!.ToString());
        var code = CodeOf(await browser.GetAsync(signedIn.Headers.Location));

        // Only with the verifier, and only once.
        Dictionary<string, string> Exchange(string c, string v) => new()
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = "library-web",
            ["code"] = c,
            ["code_verifier"] = v,
            ["redirect_uri"] = IdentityAppFactory.WebRedirect,
        };
        await (await _client.PostAsync("/connect/token", new FormUrlEncodedContent(Exchange(CodeOf(await browser.GetAsync(authorize)), "a-wrong-verifier-of-at-least-43-characters-for-pkce-xx"))))
            .ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant");
        var tokens = await (await _client.PostAsync("/connect/token", new FormUrlEncodedContent(Exchange(code, verifier)))).ShouldBe(HttpStatusCode.OK);
        Assert.NotNull(tokens["refresh_token"]);
        Assert.NotNull(tokens["id_token"]);
        await (await _client.PostAsync("/connect/token", new FormUrlEncodedContent(Exchange(code, verifier)))).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant");
        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        me.Headers.Authorization = new("Bearer", (string)tokens["access_token"]!);
        Assert.Equal("admin", (string)(await (await _client.SendAsync(me)).ShouldBe(HttpStatusCode.OK))["role"]!);

        // Ending the session goes to the registered post-logout address only, and the next authorize asks again.
        var ended = await browser.GetAsync($"/connect/endsession?post_logout_redirect_uri={Uri.EscapeDataString(IdentityAppFactory.WebSignedOut)}&id_token_hint={(string)tokens["id_token"]!}");
        Assert.StartsWith(IdentityAppFactory.WebSignedOut, ended.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("/account/signin", (await browser.GetAsync(authorize)).Headers.Location!.ToString(), StringComparison.Ordinal);
        var elsewhere = await browser.GetAsync($"/connect/endsession?post_logout_redirect_uri={Uri.EscapeDataString("https://evil.example.org/")}");
        Assert.False(elsewhere.Headers.Location?.ToString().StartsWith("https://evil.example.org", StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData("https://evil.example.org/")]
    [InlineData("//evil.example.org/connect/authorize?x=1")]
    [InlineData("/api/readers")]
    public async Task The_sign_in_page_returns_only_to_an_authorize_request(string returnUrl)
    {
        using var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = SignInForm.Parse(await (await browser.GetAsync($"/account/signin?returnUrl={Uri.EscapeDataString(returnUrl)}")).Content.ReadAsStringAsync());
        Assert.Equal("", form.ReturnUrl);
        var signedIn = await browser.PostAsync("/account/signin", (form with { ReturnUrl = returnUrl }).With(SignIn.Admin, SignIn.DevelopmentAdminPassword));
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Null(signedIn.Headers.Location);
        Assert.Contains("You are signed in as admin", await signedIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string CodeOf(HttpResponseMessage authorized)
    {
        Assert.Equal(HttpStatusCode.Redirect, authorized.StatusCode);
        var location = authorized.Headers.Location!;
        Assert.StartsWith(IdentityAppFactory.WebRedirect + "?", location.ToString(), StringComparison.Ordinal);
        return System.Web.HttpUtility.ParseQueryString(location.Query)["code"] ?? throw new InvalidOperationException($"No code in {location}");
    }

    /// <summary>The sign-in page's form fields, as a browser would post them back.</summary>
    private sealed record SignInForm(string Token, string ReturnUrl)
    {
        public static SignInForm Parse(string html) => new(
            System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]*)\"").Groups[1].Value),
            System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "name=\"returnUrl\" value=\"([^\"]*)\"").Groups[1].Value));

        public FormUrlEncodedContent With(string username, string password) => new(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token,
            ["returnUrl"] = ReturnUrl,
            ["username"] = username,
            ["password"] = password,
        });
    }

    [Fact]
    public async Task An_erased_reader_cannot_sign_in_and_their_credentials_and_replica_data_are_gone()
    {
        var email = $"erase-me-{Guid.NewGuid():N}@example.org";
        var reader = await _client.RegisterReaderWithPasswordAsync(ReaderScenario.ValidRegistration(email));
        var readerId = (string)reader["readerId"]!;
        var number = (string)reader["readerNumber"]!;
        var refresh = (string)(await _client.TokensAsync(number, SignIn.ReaderPassword))["refresh_token"]!;

        var erasure = await app.CreateLibrarianClient().EraseAndWait(readerId);
        Assert.Equal("completed", erasure.Status);
        await Eventually.Until(
            async () => (await _client.PasswordGrantAsync(number, SignIn.ReaderPassword)).StatusCode,
            status => status == HttpStatusCode.BadRequest,
            what: "the erased reader refused");
        await (await _client.PasswordGrantAsync(email, SignIn.ReaderPassword)).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant");
        await (await _client.RefreshGrantAsync(refresh)).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant");

        await using var db = new NpgsqlConnection(app.ConnectionString);
        await db.OpenAsync();
        Assert.Equal(0L, await Scalar<long>(db, "SELECT count(*) FROM identity.accounts WHERE id = @id OR reader_id = @id", readerId));
        Assert.Equal(0L, await Scalar<long>(db, "SELECT count(*) FROM identity.openiddict_tokens WHERE subject = @id::text", readerId));
        Assert.Equal(0L, await Scalar<long>(db, "SELECT count(*) FROM identity.readers WHERE reader_id = @id AND (email_normalized IS NOT NULL OR reader_number IS NOT NULL OR NOT erased)", readerId));

        var admin = await app.CreateClient().AsAdminAsync();
        await (await admin.SendJson(HttpMethod.Put, $"/api/readers/{readerId}/credentials", new { password = "back-from-the-dead" }))
            .ShouldBeProblem(HttpStatusCode.NotFound, "reader.not_found");
    }

    private static async Task<T> Scalar<T>(NpgsqlConnection db, string sql, string id)
    {
        await using var command = new NpgsqlCommand(sql, db);
        command.Parameters.AddWithValue("id", Guid.Parse(id));
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task<string> IssuerAsync() =>
        (string)(await (await _client.GetAsync("/.well-known/openid-configuration")).ShouldBe(HttpStatusCode.OK))["issuer"]!;

    /// <summary>The development host's signing key, from the folder it keeps it in (appsettings.json).</summary>
    private static RsaSecurityKey OurSigningKey()
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(Path.Combine(Repository.Root, ".data", "identity-keys", "signing-key.pem")));
        var key = new RsaSecurityKey(rsa);
        key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint())[..16];
        return key;
    }

    private string Forge(SecurityKey key, string issuer, string audience, DateTime? expires = null)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            TokenType = "at+jwt",
            IssuedAt = now.AddMinutes(-2),
            NotBefore = now.AddMinutes(-2),
            Expires = expires ?? now.AddMinutes(5),
            Claims = new Dictionary<string, object> { ["sub"] = Guid.NewGuid().ToString(), ["role"] = "admin", ["name"] = "forger" },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    internal static JsonObject Payload(string jwt)
    {
        var part = jwt.Split('.')[1];
        return JsonNode.Parse(Base64UrlEncoder.Decode(part))!.AsObject();
    }

    private static IEnumerable<string> Audiences(JsonObject claims) =>
        claims["aud"] is JsonArray many ? many.Select(a => (string)a!) : [(string)claims["aud"]!];

    private static string Base64Url(string text) => Base64UrlEncoder.Encode(text);

    private static string Base64Url(byte[] bytes) => Base64UrlEncoder.Encode(bytes);
}

public sealed class TokenRateLimitTests(RateLimitedAppFactory app) : IClassFixture<RateLimitedAppFactory>
{
    [Fact]
    public async Task The_token_endpoint_answers_429_with_retry_after_once_an_address_used_its_requests()
    {
        var client = app.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.PasswordGrantAsync(SignIn.Admin, "wrong-password")).StatusCode);
        }

        var limited = await client.PasswordGrantAsync(SignIn.Admin, SignIn.DevelopmentAdminPassword);
        await limited.ShouldBeProblem(HttpStatusCode.TooManyRequests, "request.too_many");
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing.");

        // Other routes are not limited by it.
        await (await client.GetAsync("/.well-known/openid-configuration")).ShouldBe(HttpStatusCode.OK);
    }
}

public sealed class PasswordGrantSwitchTests(PasswordGrantOffAppFactory app) : IClassFixture<PasswordGrantOffAppFactory>
{
    [Fact]
    public async Task Switched_off_by_configuration_the_password_grant_is_unsupported() =>
        await (await app.CreateClient().PasswordGrantAsync(SignIn.Admin, SignIn.DevelopmentAdminPassword))
            .ShouldBeOAuthError(HttpStatusCode.BadRequest, "unsupported_grant_type");
}

/// <summary>Start-up refusals and key persistence: each test starts hosts of its own.</summary>
public sealed class IdentityStartupTests
{
    [Fact]
    public async Task In_production_without_a_bootstrap_password_and_no_admin_the_service_refuses_to_start()
    {
        var certificates = Path.Combine(Path.GetTempPath(), "library-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(certificates);
        try
        {
            await using var app = new ProductionAppFactory(WriteCertificate(certificates, "signing"), WriteCertificate(certificates, "encryption"), bootstrapPassword: "");
            await app.InitializeAsync();
            var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());
            Assert.Contains("Identity:BootstrapAdminPassword", Flatten(failure), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(certificates, recursive: true);
        }
    }

    [Fact]
    public async Task In_production_with_certificates_and_the_setting_it_starts_and_signs_with_the_certificate()
    {
        var certificates = Path.Combine(Path.GetTempPath(), "library-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(certificates);
        try
        {
            var signing = WriteCertificate(certificates, "signing");
            await using var app = new ProductionAppFactory(signing, WriteCertificate(certificates, "encryption"), bootstrapPassword: "a-production-password");
            await app.InitializeAsync();
            var client = app.CreateClient();
            var token = await client.AccessTokenAsync(SignIn.Admin, "a-production-password");
            using var certificate = X509CertificateLoader.LoadPkcs12FromFile(signing, "pfx-password");
            var header = JsonNode.Parse(Base64UrlEncoder.Decode(token.Split('.')[0]))!;
            Assert.Equal(certificate.Thumbprint, (string)header["kid"]!, ignoreCase: true);
        }
        finally
        {
            Directory.Delete(certificates, recursive: true);
        }
    }

    [Fact]
    public async Task In_production_without_signing_certificates_the_service_refuses_to_start()
    {
        await using var app = new ProductionAppFactory(null, null, bootstrapPassword: "a-production-password");
        await app.InitializeAsync();
        var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("Identity:Keys:SigningCertificates", Flatten(failure), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_development_key_survives_a_restart_so_tokens_do_too()
    {
        string token;
        await using (var before = new LibraryAppFactory())
        {
            await before.InitializeAsync();
            token = await before.CreateClient().AccessTokenAsync(SignIn.Admin, SignIn.DevelopmentAdminPassword);
        }

        await using var after = new LibraryAppFactory();
        await after.InitializeAsync();
        await (await after.CreateClient().WithToken(token).GetAsync("/api/me")).ShouldBe(HttpStatusCode.OK);
    }

    private static string Flatten(Exception exception) =>
        exception is AggregateException aggregate ? string.Join("\n", aggregate.Flatten().InnerExceptions.Select(Flatten)) : exception + (exception.InnerException is { } inner ? "\n" + Flatten(inner) : "");

    private static string WriteCertificate(string directory, string name)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=library-identity-{name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            name == "signing" ? X509KeyUsageFlags.DigitalSignature : X509KeyUsageFlags.KeyEncipherment, critical: true));
        using var certificate = request.CreateSelfSigned(LibraryAppFactory.Start.AddYears(-1), DateTimeOffset.UtcNow.AddYears(1)); // valid on the fake clock
        var path = Path.Combine(directory, name + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, "pfx-password"));
        return path;
    }

    private sealed class ProductionAppFactory(string? signing, string? encryption, string bootstrapPassword) : LibraryAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.UseSetting("Identity:BootstrapAdminPassword", bootstrapPassword);
            if (signing is not null && encryption is not null)
            {
                builder.UseSetting("Identity:Keys:SigningCertificates:0:Path", signing);
                builder.UseSetting("Identity:Keys:SigningCertificates:0:Password", "pfx-password");
                builder.UseSetting("Identity:Keys:EncryptionCertificates:0:Path", encryption);
                builder.UseSetting("Identity:Keys:EncryptionCertificates:0:Password", "pfx-password");
            }
        }
    }
}
