using System.Net;
using System.Text.Json.Nodes;
using Library.IntegrationTests.Auth;
using Microsoft.AspNetCore.Authorization;

namespace Library.IntegrationTests;

/// <summary>
/// Spec section 5, "who may call what", cell by cell: every route × {anonymous, the reader, another
/// reader, a librarian, the admin}, on the development host with real tokens from the Identity service.
/// A reader's own data answers them; another reader's is 404, as if it did not exist.
/// </summary>
public sealed class AuthorizationTests(LibraryAppFactory app) : IClassFixture<LibraryAppFactory>
{
    private static readonly string[] Callers = ["anonymous", "reader", "other reader", "librarian", "admin"];

    [Fact]
    public void Every_route_the_host_maps_declares_who_may_call_it()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints;
        Assert.True(endpoints.OfType<RouteEndpoint>().Count() >= 30, "the rule must see the hosts' routes, or it proves nothing");
        Assert.Empty(RoutesWithoutAuthorization(endpoints));
    }

    [Fact]
    public void The_default_deny_rule_catches_a_route_without_a_policy()
    {
        RequestDelegate nothing = _ => Task.CompletedTask;
        Endpoint[] endpoints =
        [
            new RouteEndpoint(nothing, Microsoft.AspNetCore.Routing.Patterns.RoutePatternFactory.Parse("/api/forgotten"), 0, EndpointMetadataCollection.Empty, "forgotten"),
            new RouteEndpoint(nothing, Microsoft.AspNetCore.Routing.Patterns.RoutePatternFactory.Parse("/api/open"), 0, new EndpointMetadataCollection(new AllowAnonymousAttribute()), "open"),
            new RouteEndpoint(nothing, Microsoft.AspNetCore.Routing.Patterns.RoutePatternFactory.Parse("/api/staff-only"), 0, new EndpointMetadataCollection(new AuthorizeAttribute("staff")), "staff-only"),
            new RouteEndpoint(nothing, Microsoft.AspNetCore.Routing.Patterns.RoutePatternFactory.Parse("/api/any-user"), 0, new EndpointMetadataCollection(new AuthorizeAttribute()), "any-user"),
        ];

        // A bare [Authorize] names no policy: the rule wants the route's policy said, not the default one.
        Assert.Equal(new[] { "/api/forgotten", "/api/any-user" }, RoutesWithoutAuthorization(endpoints));
    }

    [Fact]
    public async Task Every_cell_of_the_route_table_holds()
    {
        var world = await World.CreateAsync(app);
        var rows = Table(world);
        var failures = new List<string>();
        var cells = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < Callers.Length; i++)
            {
                cells++;
                using var response = await world.Clients[i].SendAsync(await row.Request(world));
                var body = await response.Content.ReadAsStringAsync();
                var code = body.StartsWith('{') ? (string?)JsonNode.Parse(body)!["code"] : null;
                if (Verdict(row.Expected[i], response, code) is { } wrong)
                {
                    failures.Add($"{row.Route} as {Callers[i]}: expected {row.Expected[i]}, {wrong} ({(int)response.StatusCode} {code})");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {cells} cells wrong:\n" + string.Join('\n', failures));
        Assert.True(cells >= 25 * Callers.Length, $"The table has {cells} cells.");
    }

    [Fact]
    public async Task A_reader_sees_only_their_own_loans_and_never_learns_that_anothers_exist()
    {
        var world = await World.CreateAsync(app);
        var reader = world.Clients[1];
        var other = world.Clients[2];

        var own = await (await reader.GetAsync($"/api/loans?readerId={world.ReaderId}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal([world.LoanId], own["items"]!.AsArray().Select(l => (string)l!["loanId"]!));
        await (await reader.GetAsync("/api/loans")).ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");

        // Another reader's loan is 404 whatever If-Match says: a 412 would confirm it exists.
        await (await other.SendJson(HttpMethod.Post, $"/api/loans/{world.LoanId}/renewal", null, ifMatch: "\"99\""))
            .ShouldBeProblem(HttpStatusCode.NotFound, "loan.not_found");
        await (await other.SendJson(HttpMethod.Patch, $"/api/readers/{world.ReaderId}", new { phoneNumber = "+48111222333" }, ifMatch: "\"99\""))
            .ShouldBeProblem(HttpStatusCode.NotFound, "reader.not_found");

        // Their own contact data, yes; their name is the desk's.
        var version = (long)(await (await reader.GetAsync($"/api/readers/{world.ReaderId}")).ShouldBe(HttpStatusCode.OK))["version"]!;
        await (await reader.SendJson(HttpMethod.Patch, $"/api/readers/{world.ReaderId}", new { name = "Someone Else" }, ifMatch: $"\"{version}\""))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await reader.SendJson(HttpMethod.Patch, $"/api/readers/{world.ReaderId}", new { phoneNumber = "+48111222333" }, ifMatch: $"\"{version}\""))
            .ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Without_a_token_the_answer_is_401_with_a_bearer_challenge_and_a_readers_token_is_403_on_staff_routes()
    {
        var world = await World.CreateAsync(app);

        var anonymous = await world.Clients[0].GetAsync("/api/readers");
        await anonymous.ShouldBeProblem(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        Assert.Contains(anonymous.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");

        await (await world.Clients[1].GetAsync("/api/readers")).ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await world.Clients[3].GetAsync("/api/readers")).ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>Routes with neither an explicit policy nor an explicit anonymous marker.</summary>
    internal static IReadOnlyList<string> RoutesWithoutAuthorization(IEnumerable<Endpoint> endpoints) =>
        [.. endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null
                && !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Policy)))
            .Select(e => e.RoutePattern.RawText ?? e.DisplayName ?? "?")];

    /// <summary>Null when the response is what the cell expects, else what was wrong.</summary>
    private static string? Verdict(Cell expected, HttpResponseMessage response, string? code) => expected switch
    {
        Cell.Allowed when response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => "refused",
        Cell.Allowed when code is "reader.not_found" or "loan.not_found" or "hold.not_found" && response.StatusCode == HttpStatusCode.NotFound => "hidden",
        Cell.Allowed when (int)response.StatusCode >= 500 => "a server error",
        Cell.AllowedIfFound when response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => "refused",
        Cell.AllowedIfFound when (int)response.StatusCode >= 500 => "a server error",
        Cell.Unauthenticated when response.StatusCode != HttpStatusCode.Unauthorized || code != "auth.unauthenticated"
            || !response.Headers.WwwAuthenticate.Any(h => h.Scheme == "Bearer") => "not a 401 challenge",
        Cell.Forbidden when response.StatusCode != HttpStatusCode.Forbidden || code != "auth.forbidden" => "not a 403",
        Cell.Hidden when response.StatusCode != HttpStatusCode.NotFound || code is not ("reader.not_found" or "loan.not_found" or "hold.not_found") => "not hidden as a 404",
        _ => null,
    };

    private static Row[] Table(World w)
    {
        const Cell A = Cell.Allowed, F = Cell.AllowedIfFound, U = Cell.Unauthenticated, X = Cell.Forbidden, H = Cell.Hidden;
        Cell[] open = [A, A, A, A, A];
        Cell[] signedIn = [U, A, A, A, A];
        Cell[] own = [U, A, H, A, A];
        Cell[] staff = [U, X, X, A, A];
        Cell[] staffOnAnything = [U, X, X, F, F]; // on ids that need not exist: 404 is the staff's answer
        Cell[] admin = [U, X, X, X, F];
        var a = w.ReaderId;
        var unknown = Guid.NewGuid();
        return
        [
            new("GET /health/live", open, _ => Get("/health/live")),
            new("GET /health/ready", open, _ => Get("/health/ready")),
            new("GET /openapi/v1.json", open, _ => Get("/openapi/v1.json")),
            new("GET /api-docs", open, _ => Get("/api-docs")),
            new("GET /api/books", open, _ => Get("/api/books")),
            new("GET /api/books/{isbn}", open, _ => Get($"/api/books/{w.Isbn}")),
            new("GET /api/lending-policy", signedIn, _ => Get("/api/lending-policy")),
            new("GET /api/calendar/closed-days", staff, _ => Get("/api/calendar/closed-days")),
            new("GET /api/categories", signedIn, _ => Get("/api/categories")),
            new("GET /api/me", signedIn, _ => Get("/api/me")),
            new("GET /api/readers/{own}", own, _ => Get($"/api/readers/{a}")),
            new("GET /api/readers/{own}/erasure", [U, F, H, F, F], _ => Get($"/api/readers/{a}/erasure")),
            new("PATCH /api/readers/{own}", own, async world => await Send(HttpMethod.Patch, $"/api/readers/{a}", new { marketingConsent = false }, await world.ReaderVersionAsync())),
            new("PUT /api/readers/{own}/credentials", own, _ => Send(HttpMethod.Put, $"/api/readers/{a}/credentials", new { password = SignIn.ReaderPassword, currentPassword = SignIn.ReaderPassword })),
            new("GET /api/loans?readerId={own}", own, _ => Get($"/api/loans?readerId={a}")),
            new("GET /api/loans/{own}", own, _ => Get($"/api/loans/{w.LoanId}")),
            new("POST /api/loans/{own}/renewal", own, _ => Send(HttpMethod.Post, $"/api/loans/{w.LoanId}/renewal", null)),
            new("POST /api/readers/{own}/renewals", own, _ => Send(HttpMethod.Post, $"/api/readers/{a}/renewals", null)),
            // The reader already has a loan of the title: past authorization the answer is 409 hold.already_held.
            new("POST /api/holds (own)", own, _ => Send(HttpMethod.Post, "/api/holds", new { readerId = a, isbn = w.Isbn })),
            new("GET /api/holds?readerId={own}", own, _ => Get($"/api/holds?readerId={a}")),
            new("GET /api/holds/{own}", own, _ => Get($"/api/holds/{w.HoldId}")),
            new("DELETE /api/holds/{own}", own, _ => Send(HttpMethod.Delete, $"/api/holds/{w.HoldId}", null)),
            new("GET /api/holds (all)", staff, _ => Get("/api/holds")),
            new("GET /api/readers", staff, _ => Get("/api/readers?page=1&pageSize=5")),
            new("POST /api/readers", staff, _ => Send(HttpMethod.Post, "/api/readers", ReaderScenario.ValidRegistration())),
            new("PUT /api/readers/{own}/category", staffOnAnything, _ => Send(HttpMethod.Put, $"/api/readers/{a}/category", new { category = "adult" }, "\"999\"")),
            new("PUT /api/readers/{id}/suspension", staff, _ => Send(HttpMethod.Put, $"/api/readers/{w.BystanderId}/suspension", new { reason = "Matrix" })),
            new("DELETE /api/readers/{id}/suspension", staffOnAnything, _ => Send(HttpMethod.Delete, $"/api/readers/{w.BystanderId}/suspension", null)),
            new("DELETE /api/readers/{id}", staffOnAnything, _ => Send(HttpMethod.Delete, $"/api/readers/{unknown}", null)),
            new("GET /api/loans (all)", staff, _ => Get("/api/loans")),
            new("GET /api/loans/overdue", staff, _ => Get("/api/loans/overdue")),
            new("GET /api/loans/owing", staff, _ => Get("/api/loans/owing")),
            new("GET /api/stats/loans", staff, _ => Get("/api/stats/loans")),
            new("POST /api/books", staff, _ => Send(HttpMethod.Post, "/api/books", new { isbn = LendingScenario.NextIsbn(), title = "Matrix", authors = new[] { "A. Author" } })),
            new("POST /api/books/{isbn}/copies", staff, _ => Send(HttpMethod.Post, $"/api/books/{w.Isbn}/copies", new { barcode = LendingScenario.NextBarcode() })),
            new("POST /api/loans", staffOnAnything, _ => Send(HttpMethod.Post, "/api/loans", new { readerId = unknown, barcode = "none" })),
            new("POST /api/loans/{id}/return", staffOnAnything, _ => Send(HttpMethod.Post, $"/api/loans/{unknown}/return", null)),
            new("POST /api/checkins", staffOnAnything, _ => Send(HttpMethod.Post, "/api/checkins", new { barcode = "none" })),
            new("POST /api/loans/{id}/lost", staffOnAnything, _ => Send(HttpMethod.Post, $"/api/loans/{unknown}/lost", null)),
            new("POST /api/fines/{id}/payments", staffOnAnything, _ => Send(HttpMethod.Post, $"/api/fines/{unknown}/payments", new { amountCents = 1 })),
            new("POST /api/fines/{id}/waiver", staffOnAnything, _ => Send(HttpMethod.Post, $"/api/fines/{unknown}/waiver", new { reason = "Matrix" })),
            new("PUT /api/categories/{code}", admin, _ => Send(HttpMethod.Put, "/api/categories/matrix", new { maxHolds = 3 }, "\"999\"")),
            new("PUT /api/lending-policy", admin, _ => Send(HttpMethod.Put, "/api/lending-policy", PolicyBody, "\"999\"")),
            new("PUT /api/calendar/closed-days/{date}", staff, _ => Send(HttpMethod.Put, "/api/calendar/closed-days/2027-12-24", new { reason = "Matrix" })),
            new("DELETE /api/calendar/closed-days/{date}", staffOnAnything, _ => Send(HttpMethod.Delete, "/api/calendar/closed-days/2027-12-25", null)),
            new("POST /api/staff", admin, _ => Send(HttpMethod.Post, "/api/staff", new { username = "m-" + Guid.NewGuid().ToString("N")[..12], password = "staff-password-1", role = "librarian" })),
        ];
    }

    private static readonly object PolicyBody = new
    {
        loanPeriodDays = 15,
        maxActiveLoans = 3,
        maxRenewals = 2,
        finePerDayCents = 50,
        maxFinePerLoanCents = 5000,
        lostItemFeeCents = 2500,
        maxFinesOwedCents = 0,
        currency = "EUR",
    };

    private static Task<HttpRequestMessage> Get(string url) => Task.FromResult(new HttpRequestMessage(HttpMethod.Get, url));

    private static Task<HttpRequestMessage> Send(HttpMethod method, string url, object? body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return Task.FromResult(request);
    }

    private enum Cell
    {
        /// <summary>Past authorization: any answer but 401, 403, a hiding 404 or a 5xx.</summary>
        Allowed,

        /// <summary>Past authorization on an id that need not exist: a 404 is fine.</summary>
        AllowedIfFound,
        Unauthenticated,
        Forbidden,
        Hidden,
    }

    private sealed record Row(string Route, Cell[] Expected, Func<World, Task<HttpRequestMessage>> Request);

    /// <summary>Two readers with passwords (the first with a loan and a hold), a bystander reader, a book, and the five callers.</summary>
    private sealed record World(string ReaderId, string BystanderId, string LoanId, string HoldId, string Isbn, HttpClient[] Clients, HttpClient Desk)
    {
        public static async Task<World> CreateAsync(LibraryAppFactory app)
        {
            var desk = app.CreateLibrarianClient();
            var reader = await desk.RegisterReaderWithPasswordAsync();
            var other = await desk.RegisterReaderWithPasswordAsync();
            var bystander = await app.RegisterBorrower(desk);
            var readerId = (string)reader["readerId"]!;
            await app.WaitForLendingReplica(readerId, 1);
            var (isbn, barcodes) = await desk.AddBookWithCopies(1);
            var loanId = (string)(await desk.Checkout(readerId, barcodes[0]))["loanId"]!;
            await desk.ReadLoanAtVersion(loanId, 1);
            var (heldIsbn, _) = await desk.AddBookWithCopies(1);
            var holdId = (string)(await (await desk.PostJson("/api/holds", new { readerId, isbn = heldIsbn })).ShouldBe(HttpStatusCode.Created))["holdId"]!;
            await desk.ReadHoldAtVersion(holdId, 1);
            HttpClient[] clients =
            [
                app.CreateClient(),
                await app.CreateClient().AsReaderAsync((string)reader["readerNumber"]!),
                await app.CreateClient().AsReaderAsync((string)other["readerNumber"]!),
                app.CreateLibrarianClient(),
                app.CreateAdminClient(),
            ];
            return new World(readerId, bystander, loanId, holdId, isbn, clients, desk);
        }

        public async Task<string> ReaderVersionAsync()
        {
            using var response = await Desk.GetAsync($"/api/readers/{ReaderId}");
            return response.ETag();
        }
    }
}
