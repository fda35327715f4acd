using System.Net;
using Library.IntegrationTests.Auth;
using Npgsql;

namespace Library.IntegrationTests;

/// <summary>
/// Spec section 6, reader categories (ADR 0029): the Lending service's categories and their terms, and
/// the Reader service's category of a reader, which reaches the query side and Lending's replica.
/// Tests that change categories use codes of their own, so the seeded ones stay as shipped.
/// </summary>
public sealed class ReaderCategoriesTests(LibraryAppFactory app) : IClassFixture<LibraryAppFactory>
{
    private readonly HttpClient _admin = app.CreateAdminClient();
    private readonly HttpClient _desk = app.CreateLibrarianClient();

    private static string NewCode() => "t-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task The_seeded_categories_show_their_own_terms_and_those_in_effect_to_anyone_signed_in()
    {
        var reader = await _desk.RegisterReaderWithPasswordAsync();
        var asReader = await app.CreateClient().AsReaderAsync((string)reader["readerNumber"]!);
        var listed = await (await asReader.GetAsync("/api/categories")).ShouldBe(HttpStatusCode.OK);
        var policy = await (await asReader.GetAsync("/api/lending-policy")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal((long)policy["version"]!, (long)listed["policyVersion"]!);

        var byCode = listed["categories"]!.AsArray().ToDictionary(c => (string)c!["code"]!, c => c!.AsObject());
        Assert.Contains("adult", byCode.Keys);
        Assert.Contains("child", byCode.Keys);
        Assert.Contains("staff", byCode.Keys);

        // adult is the policy itself; child sets four terms, staff three; the rest comes from the policy.
        Assert.All(Terms, term => Assert.Null(byCode["adult"]["overrides"]![term]?.GetValue<long?>()));
        Assert.All(PolicyTerms, term => Assert.Equal((long)policy[term]!, (long)byCode["adult"]["effective"]![term]!));
        Assert.Equal(5, (int)byCode["adult"]["effective"]!["maxHolds"]!);

        var child = byCode["child"];
        Assert.Equal(21, (int)child["overrides"]!["loanPeriodDays"]!);
        Assert.Null(child["overrides"]!["maxRenewals"]?.GetValue<int?>());
        Assert.Equal(
            [21L, 5L, (long)policy["maxRenewals"]!, 10L, 1000L, 5L],
            Terms.Select(term => (long)child["effective"]![term]!));
        Assert.Equal(1, (long)child["version"]!);
        Assert.Equal("system", (string)child["changedBy"]!["role"]!);

        var staff = byCode["staff"]["effective"]!;
        Assert.Equal([30L, 10L, 0L], new[] { "loanPeriodDays", "maxActiveLoans", "finePerDayCents" }.Select(term => (long)staff[term]!));
        Assert.Equal((long)policy["maxFinePerLoanCents"]!, (long)staff["maxFinePerLoanCents"]!);

        await (await app.CreateClient().GetAsync("/api/categories")).ShouldBeProblem(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        Assert.Equal(HttpStatusCode.OK, (await _desk.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/categories"))).StatusCode);
    }

    [Fact]
    public async Task An_admin_creates_and_changes_a_category_under_http_preconditions()
    {
        var code = NewCode();
        var url = $"/api/categories/{code}";

        // An unknown code is created at version 1 without If-Match; If-Match on it has nothing to match.
        await (await _admin.SendJson(HttpMethod.Put, url, new { loanPeriodDays = 7 }, "\"1\"")).ShouldBeProblem(HttpStatusCode.PreconditionFailed, "request.version_mismatch");
        var createdResponse = await _admin.SendJson(HttpMethod.Put, url, new { loanPeriodDays = 7, maxHolds = 2 });
        var created = await createdResponse.ShouldBe(HttpStatusCode.Created);
        Assert.Equal($"/api/categories/{code}", createdResponse.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", createdResponse.ETag());
        Assert.Equal(1, (long)created["version"]!);
        Assert.Equal(7, (int)created["effective"]!["loanPeriodDays"]!);
        Assert.Equal(2, (int)created["effective"]!["maxHolds"]!);
        Assert.Equal("admin", (string)created["changedBy"]!["role"]!);

        // Existing: 428 without If-Match, 412 for If-None-Match: * and for a stale version.
        await (await _admin.SendJson(HttpMethod.Put, url, new { loanPeriodDays = 8 })).ShouldBeProblem(HttpStatusCode.PreconditionRequired, "request.if_match_required");
        using (var createOnly = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(new { loanPeriodDays = 8 }) })
        {
            createOnly.Headers.TryAddWithoutValidation("If-None-Match", "*");
            await (await _admin.SendAsync(createOnly)).ShouldBeProblem(HttpStatusCode.PreconditionFailed, "request.version_mismatch");
        }

        await (await _admin.SendJson(HttpMethod.Put, url, new { loanPeriodDays = 8 }, "\"2\"")).ShouldBeProblem(HttpStatusCode.PreconditionFailed, "request.version_mismatch");
        await (await _admin.SendJson(HttpMethod.Put, url, new { loanPeriodDays = 8 }, "*")).ShouldBeProblem(HttpStatusCode.BadRequest, "request.invalid_if_match");

        // PUT replaces: maxHolds left out is the policy's (the default 5) again.
        var changedResponse = await _admin.SendJson(HttpMethod.Put, url, new { loanPeriodDays = 8, maxRenewals = 0 }, "\"1\"");
        var changed = await changedResponse.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("\"2\"", changedResponse.ETag());
        Assert.Equal(0, (int)changed["effective"]!["maxRenewals"]!);
        Assert.Null(changed["overrides"]!["maxHolds"]?.GetValue<int?>());
        Assert.Equal(5, (int)changed["effective"]!["maxHolds"]!);

        // The same terms again change nothing: same version, no event.
        var same = await (await _admin.SendJson(HttpMethod.Put, url, new { loanPeriodDays = 8, maxRenewals = 0 }, "\"2\"")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2, (long)same["version"]!);

        var listed = await (await _desk.GetAsync("/api/categories")).ShouldBe(HttpStatusCode.OK);
        var mine = listed["categories"]!.AsArray().Single(c => (string)c!["code"]! == code)!;
        Assert.Equal(2, (long)mine["version"]!);
        Assert.Equal(8, (int)mine["effective"]!["loanPeriodDays"]!);

        var events = (await app.PublishedEventsAbout(code)).Where(e => e.Topic == "category.changed").ToList();
        Assert.Equal([1L, 2L], events.Select(e => (long)e.Value["version"]!));
        Assert.Equal(8, (int)events[1].Value["category"]!["loanPeriodDays"]!);
        Assert.Null(events[1].Value["category"]!["maxHolds"]?.GetValue<int?>());
        Assert.Equal("admin", (string)events[1].Value["actor"]!["role"]!);
        Assert.Equal((2L, 8), await StoredAsync(code));
    }

    [Fact]
    public async Task Bad_terms_codes_and_callers_are_refused_with_their_code()
    {
        var code = NewCode();
        var url = $"/api/categories/{code}";
        var invalid = await (await _admin.SendJson(HttpMethod.Put, url, new { loanPeriodDays = 0, maxActiveLoans = 101, maxRenewals = -1, finePerDayCents = -1, maxFinePerLoanCents = 10_000_001, maxHolds = 101 }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "request.validation_failed");
        Assert.Equal(
            ["finePerDayCents", "loanPeriodDays", "maxActiveLoans", "maxFinePerLoanCents", "maxHolds", "maxRenewals"],
            invalid["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        await (await _admin.SendRaw(HttpMethod.Put, url, """{"loanPeriodDays":"three weeks"}""")).ShouldBeProblem(HttpStatusCode.BadRequest, "request.malformed");

        var badCode = await (await _admin.SendJson(HttpMethod.Put, "/api/categories/Child", new { })).ShouldBeProblem(HttpStatusCode.BadRequest, "category.invalid_code");
        Assert.NotNull(badCode["errors"]!["code"]);
        await (await _admin.SendJson(HttpMethod.Put, $"/api/categories/{new string('a', 33)}", new { })).ShouldBeProblem(HttpStatusCode.BadRequest, "category.invalid_code");

        using (var wrongPrecondition = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(new { }) })
        {
            wrongPrecondition.Headers.TryAddWithoutValidation("If-None-Match", "\"3\"");
            await (await _admin.SendAsync(wrongPrecondition)).ShouldBeProblem(HttpStatusCode.BadRequest, "request.validation_failed");
        }

        await (await _desk.SendJson(HttpMethod.Put, url, new { loanPeriodDays = 7 })).ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
        var reader = await _desk.RegisterReaderWithPasswordAsync();
        var asReader = await app.CreateClient().AsReaderAsync((string)reader["readerNumber"]!);
        await (await asReader.SendJson(HttpMethod.Put, url, new { loanPeriodDays = 7 })).ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await app.CreateClient().SendJson(HttpMethod.Put, url, new { loanPeriodDays = 7 })).ShouldBeProblem(HttpStatusCode.Unauthorized, "auth.unauthenticated");

        // Nothing of it was stored or published.
        Assert.Null(await StoredAsync(code));
        Assert.Empty(await app.PublishedEventsAbout(code));
    }

    [Fact]
    public async Task Two_admins_changing_one_category_at_once_one_wins_and_the_other_is_told_it_is_stale()
    {
        var code = NewCode();
        var url = $"/api/categories/{code}";
        await (await _admin.SendJson(HttpMethod.Put, url, new { loanPeriodDays = 10 })).ShouldBe(HttpStatusCode.Created);
        var other = app.CreateAdminClient();

        for (var round = 1; round <= 3; round++)
        {
            var version = $"\"{round}\"";
            var answers = await Desks.AtOnce(
                () => _admin.SendJson(HttpMethod.Put, url, new { loanPeriodDays = 20 + round }, version),
                () => other.SendJson(HttpMethod.Put, url, new { loanPeriodDays = 40 + round }, version));

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], answers.Select(a => a.Status).Order());
            var winner = answers.Single(a => a.Status == HttpStatusCode.OK).Body;
            Assert.Equal("request.version_mismatch", (string)answers.Single(a => a.Status != HttpStatusCode.OK).Body["code"]!);
            Assert.Equal(round + 1, (long)winner["version"]!);

            // The row, the answer and the event agree on the version and on whose terms won.
            var won = (int)winner["overrides"]!["loanPeriodDays"]!;
            Assert.Equal((round + 1L, won), await StoredAsync(code));
            var published = (await app.PublishedEventsAbout(code)).Where(e => e.Topic == "category.changed").ToList();
            Assert.Equal(Enumerable.Range(1, round + 1).Select(v => (long)v), published.Select(e => (long)e.Value["version"]!));
            Assert.Equal(won, (int)published[^1].Value["category"]!["loanPeriodDays"]!);
        }
    }

    [Fact]
    public async Task Two_admins_creating_one_new_category_at_once_make_one_category()
    {
        var other = app.CreateAdminClient();
        for (var round = 0; round < 5; round++)
        {
            var code = NewCode();
            var url = $"/api/categories/{code}";
            var answers = await Desks.AtOnce(
                () => _admin.SendJson(HttpMethod.Put, url, new { maxHolds = 1 }),
                () => other.SendJson(HttpMethod.Put, url, new { maxHolds = 2 }));

            // The second either ran after the first committed and found the category without sending If-Match
            // (428), or saw no row and lost on the primary key, answered the same: never two creations, never a 500.
            Assert.Equal([HttpStatusCode.Created, HttpStatusCode.PreconditionRequired], answers.Select(a => a.Status).Order());
            Assert.Equal("request.if_match_required", (string)answers.Single(a => a.Status != HttpStatusCode.Created).Body["code"]!);
            var published = (await app.PublishedEventsAbout(code)).Where(e => e.Topic == "category.changed").ToList();
            Assert.Equal(1L, (long)Assert.Single(published).Value["version"]!);
            var won = (int)answers.Single(a => a.Status == HttpStatusCode.Created).Body["overrides"]!["maxHolds"]!;
            Assert.Equal(won, (int)published[0].Value["category"]!["maxHolds"]!);
            Assert.Equal(1L, (await StoredAsync(code))?.Version);
        }
    }

    [Fact]
    public async Task A_reader_registered_as_a_child_is_one_on_the_query_side_and_in_the_lending_replica()
    {
        var registration = ReaderScenario.ValidRegistration();
        registration["category"] = "child";
        var child = (string)(await _desk.Register(registration))["readerId"]!;
        var adult = (string)(await _desk.Register())["readerId"]!;

        Assert.Equal("child", (string)(await _desk.ReadReaderAtVersion(child, 1))["category"]!);
        Assert.Equal("adult", (string)(await _desk.ReadReaderAtVersion(adult, 1))["category"]!);
        await app.WaitForLendingReplica(child, 1);
        await app.WaitForLendingReplica(adult, 1);
        Assert.Equal("child", await ReplicaCategoryAsync(child));
        Assert.Equal("adult", await ReplicaCategoryAsync(adult));

        var search = await (await _desk.GetAsync($"/api/readers?email={Uri.EscapeDataString((string)registration["email"]!)}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("child", (string)search["items"]![0]!["category"]!);

        foreach (var bad in new[] { "Child", "", "kind er", new string('c', 33) })
        {
            var form = ReaderScenario.ValidRegistration();
            form["category"] = bad;
            var problem = await (await _desk.PostJson("/api/readers", form)).ShouldBeProblem(HttpStatusCode.BadRequest, "reader.invalid_category");
            Assert.NotNull(problem["errors"]!["category"]);
        }
    }

    [Fact]
    public async Task Staff_change_a_readers_category_and_both_services_follow()
    {
        var reader = await _desk.RegisterReaderWithPasswordAsync();
        var readerId = (string)reader["readerId"]!;
        var url = $"/api/readers/{readerId}/category";

        await (await _desk.SendJson(HttpMethod.Put, url, new { category = "staff" })).ShouldBeProblem(HttpStatusCode.PreconditionRequired, "request.if_match_required");
        await (await _desk.SendJson(HttpMethod.Put, url, new { category = "staff" }, "\"7\"")).ShouldBeProblem(HttpStatusCode.PreconditionFailed, "request.version_mismatch");
        var invalid = await (await _desk.SendJson(HttpMethod.Put, url, new { category = "Staff" }, "\"1\"")).ShouldBeProblem(HttpStatusCode.BadRequest, "reader.invalid_category");
        Assert.NotNull(invalid["errors"]!["category"]);
        await (await _desk.SendJson(HttpMethod.Put, url, new { }, "\"1\"")).ShouldBeProblem(HttpStatusCode.BadRequest, "request.validation_failed");
        await (await _desk.SendJson(HttpMethod.Put, $"/api/readers/{Guid.NewGuid()}/category", new { category = "staff" }, "\"1\"")).ShouldBeProblem(HttpStatusCode.NotFound, "reader.not_found");

        // The reader may not move themselves into a category with better terms.
        var asReader = await app.CreateClient().AsReaderAsync((string)reader["readerNumber"]!);
        await (await asReader.SendJson(HttpMethod.Put, url, new { category = "staff" }, "\"1\"")).ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await app.CreateClient().SendJson(HttpMethod.Put, url, new { category = "staff" }, "\"1\"")).ShouldBeProblem(HttpStatusCode.Unauthorized, "auth.unauthenticated");

        var response = await _desk.SendJson(HttpMethod.Put, url, new { category = "staff" }, "\"1\"");
        var changed = await response.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2, (long)changed["version"]!);
        Assert.Equal("\"2\"", response.ETag());

        // The same category again is no change.
        Assert.Equal(2, (long)(await (await _desk.SendJson(HttpMethod.Put, url, new { category = "staff" }, "\"2\"")).ShouldBe(HttpStatusCode.OK))["version"]!);

        Assert.Equal("staff", (string)(await _desk.ReadReaderAtVersion(readerId, 2))["category"]!);
        await app.WaitForLendingReplica(readerId, 2);
        Assert.Equal("staff", await ReplicaCategoryAsync(readerId));
        var updated = (await app.PublishedEventsAbout(readerId)).Where(e => e.Topic == "reader.updated").ToList();
        var single = Assert.Single(updated).Value;
        Assert.Equal(["category"], single["changedFields"]!.AsArray().Select(f => (string)f!));
        Assert.Equal("staff", (string)single["reader"]!["category"]!);
        Assert.Equal("librarian", (string)single["actor"]!["role"]!);
    }

    [Fact]
    public async Task An_erased_readers_category_cannot_change()
    {
        var readerId = (string)(await _desk.Register())["readerId"]!;
        await app.WaitForLendingReplica(readerId, 1);
        var erasure = await _desk.EraseAndWait(readerId);
        Assert.Equal("completed", erasure.Status);
        var erased = await Eventually.Until(
            () => _desk.GetFound($"/api/readers/{readerId}"),
            r => r is not null && (string)r["status"]! == "erased",
            what: "the erased reader on the query side");

        await (await _desk.SendJson(HttpMethod.Put, $"/api/readers/{readerId}/category", new { category = "child" }, $"\"{(long)erased!["version"]!}\""))
            .ShouldBeProblem(HttpStatusCode.Conflict, "reader.erased");
    }

    [Fact]
    public async Task A_child_borrows_on_the_child_terms_and_a_loan_keeps_them_after_the_readers_category_changes()
    {
        var registration = ReaderScenario.ValidRegistration();
        registration["category"] = "child";
        var child = (string)(await _desk.Register(registration))["readerId"]!;
        await app.WaitForLendingReplica(child, 1);
        var (_, barcodes) = await _desk.AddBookWithCopies(1);
        var now = app.Clock.GetUtcNow();

        // The seeded child category lends for 21 days at 10 cents a day; the closed days of other tests are far off.
        var loan = await _desk.Checkout(child, barcodes[0]);
        Assert.Equal(now.AddDays(21), DateTimeOffset.Parse((string)loan["dueDate"]!, System.Globalization.CultureInfo.InvariantCulture));
        var loanId = (string)loan["loanId"]!;
        var created = (await app.PublishedEventsAbout(loanId)).Single(e => e.Topic == "loan.created").Value["loan"]!;
        Assert.Equal((21, 10L, 1000L), ((int)created["loanPeriodDays"]!, (long)created["finePerDayCents"]!, (long)created["maxFinePerLoanCents"]!));

        // Moved to staff (30 days): the loan's renewal still adds the child's 21 days, its terms of checkout.
        await (await _desk.SendJson(HttpMethod.Put, $"/api/readers/{child}/category", new { category = "staff" }, "\"1\"")).ShouldBe(HttpStatusCode.OK);
        await app.WaitForLendingReplica(child, 2);
        var renewed = await (await _desk.PostJson($"/api/loans/{loanId}/renewal", new { })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(now.AddDays(42), DateTimeOffset.Parse((string)renewed["dueDate"]!, System.Globalization.CultureInfo.InvariantCulture));

        // A new loan is on the staff terms.
        var (_, more) = await _desk.AddBookWithCopies(1);
        var staffLoan = await _desk.Checkout(child, more[0]);
        Assert.Equal(now.AddDays(30), DateTimeOffset.Parse((string)staffLoan["dueDate"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static readonly string[] Terms = ["loanPeriodDays", "maxActiveLoans", "maxRenewals", "finePerDayCents", "maxFinePerLoanCents", "maxHolds"];
    private static readonly string[] PolicyTerms = ["loanPeriodDays", "maxActiveLoans", "maxRenewals", "finePerDayCents", "maxFinePerLoanCents"];

    /// <summary>The stored category's version and loan period, or null when there is no row.</summary>
    private async Task<(long Version, int LoanPeriodDays)?> StoredAsync(string code)
    {
        await using var db = new NpgsqlConnection(app.ConnectionString);
        await db.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT version, loan_period_days FROM lending.reader_categories WHERE code = @code", db);
        query.Parameters.AddWithValue("code", code);
        await using var row = await query.ExecuteReaderAsync();
        return await row.ReadAsync() ? (row.GetInt64(0), row.IsDBNull(1) ? 0 : row.GetInt32(1)) : null;
    }

    private async Task<string?> ReplicaCategoryAsync(string readerId)
    {
        await using var db = new NpgsqlConnection(app.ConnectionString);
        await db.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT category FROM lending.reader_eligibility WHERE reader_id = @id", db);
        query.Parameters.AddWithValue("id", Guid.Parse(readerId));
        return await query.ExecuteScalarAsync() as string;
    }
}
