using System.Net;

namespace Library.IntegrationTests;

public sealed class HostTests(LibraryAppFactory app) : IClassFixture<LibraryAppFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task Liveness_and_readiness_answer_with_every_store_checked()
    {
        await (await _client.GetAsync("/health/live")).ShouldBe(HttpStatusCode.OK);

        var ready = await (await _client.GetAsync("/health/ready")).ShouldBe(HttpStatusCode.OK);
        var checks = ready["checks"]!.AsArray().Select(c => (string)c!["name"]!).ToList();
        Assert.Contains("command-store:reader-command", checks);
        Assert.Contains("messaging-store", checks);
        Assert.Contains("read-store:reader_query", checks);
        Assert.Contains("command-store:lending-command", checks);
        Assert.Contains("read-store:lending_query", checks);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_service_and_the_api_page_is_served()
    {
        var document = await (await _client.GetAsync("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK);
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/readers", paths);
        Assert.Contains("/api/readers/{readerId}", paths);
        Assert.Contains("/api/readers/{readerId}/suspension", paths);
        Assert.Contains("/api/readers/{readerId}/category", paths);
        string[] lending =
        [
            "/api/books", "/api/books/{isbn}", "/api/books/{isbn}/copies", "/api/loans", "/api/loans/{loanId}",
            "/api/loans/overdue", "/api/loans/owing", "/api/loans/{loanId}/return", "/api/loans/{loanId}/renewal", "/api/loans/{loanId}/lost",
            "/api/checkins", "/api/readers/{readerId}/renewals", "/api/holds", "/api/holds/{holdId}",
            "/api/fines/{fineId}/payments", "/api/fines/{fineId}/waiver", "/api/lending-policy", "/api/stats/loans",
            "/api/calendar/closed-days", "/api/calendar/closed-days/{date}", "/api/categories", "/api/categories/{code}",
        ];
        Assert.All(lending, path => Assert.Contains(path, paths));

        var page = await _client.GetAsync("/api-docs");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Readiness_shows_its_details_to_staff_only()
    {
        var anonymous = await (await _client.GetAsync("/health/ready")).ShouldBe(HttpStatusCode.OK);
        Assert.All(anonymous["checks"]!.AsArray(), c => Assert.Null(c!["durationMs"]));

        var staff = await (await app.CreateLibrarianClient().GetAsync("/health/ready")).ShouldBe(HttpStatusCode.OK);
        Assert.All(staff["checks"]!.AsArray(), c => Assert.NotNull(c!["durationMs"]));

        using var forged = new HttpRequestMessage(HttpMethod.Get, "/health/ready");
        forged.Headers.Authorization = new("Bearer", "not-a-token");
        var withBadToken = await (await _client.SendAsync(forged)).ShouldBe(HttpStatusCode.OK);
        Assert.All(withBadToken["checks"]!.AsArray(), c => Assert.Null(c!["durationMs"]));
    }

    [Fact]
    public async Task Cross_origin_calls_are_allowed_only_from_the_configured_front_end()
    {
        using var configured = app.WithWebHostBuilder(b => b.UseSetting("Cors:AllowedOrigins:0", "https://desk.library.example"));
        var client = configured.CreateClient();

        HttpRequestMessage Preflight(string origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Options, "/api/loans");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
            return request;
        }

        var allowed = await client.SendAsync(Preflight("https://desk.library.example"));
        Assert.Equal("https://desk.library.example", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var foreign = await client.SendAsync(Preflight("https://evil.example"));
        Assert.False(foreign.Headers.Contains("Access-Control-Allow-Origin"));
        var unconfigured = await _client.SendAsync(Preflight("https://desk.library.example"));
        Assert.False(unconfigured.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers_errors_included()
    {
        foreach (var response in new[] { await _client.GetAsync("/api/books"), await _client.GetAsync("/api/readers"), await _client.GetAsync("/api/nothing-here") })
        {
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        }
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        await (await _client.GetAsync("/api/nothing-here")).ShouldBeProblem(HttpStatusCode.NotFound, "request.not_found");
    }
}

/// <summary>
/// The outbox shares a command's transaction only in the command store's own database; a host
/// configured with another one would commit changes whose events CAP never reads again.
/// </summary>
public sealed class OutboxDatabaseTests
{
    [Fact]
    public async Task A_host_whose_outbox_is_not_in_its_command_stores_database_refuses_to_start()
    {
        await using var app = new MisplacedOutboxAppFactory();
        await app.InitializeAsync();

        var refused = Assert.Throws<InvalidOperationException>(() => app.CreateClient());

        Assert.Contains("ConnectionStrings:Messaging", refused.Message, StringComparison.Ordinal);
        Assert.Contains("command store", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", refused.Message, StringComparison.OrdinalIgnoreCase);

        // Refused before any migration ran: the command store's database is as it was created.
        await using var connection = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var schemas = new Npgsql.NpgsqlCommand("SELECT count(*) FROM information_schema.schemata WHERE schema_name IN ('cap', 'reader', 'lending')", connection);
        Assert.Equal(0L, await schemas.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_same_database_written_differently_is_the_same_outbox()
    {
        await using var app = new SpelledDifferentlyAppFactory();
        await app.InitializeAsync();

        var ready = await app.CreateClient().GetAsync("/health/ready");

        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
    }

    private sealed class MisplacedOutboxAppFactory : LibraryAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Messaging", TestServers.ConnectionStringOf("library_outbox_elsewhere"));
        }
    }

    /// <summary>Upper-case host, options reordered, a pool size added: still the command store's database.</summary>
    private sealed class SpelledDifferentlyAppFactory : LibraryAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            var spelled = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { MaxPoolSize = 50 };
            spelled.Host = spelled.Host!.ToUpperInvariant();
            builder.UseSetting("ConnectionStrings:Messaging", spelled.ConnectionString);
        }
    }
}
