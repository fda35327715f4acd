using System.Net;
using System.Text.Json.Nodes;

namespace Library.IntegrationTests;

/// <summary>
/// The README walk-through against production mode: four service processes and the gateway, events
/// over RabbitMQ. Then the Lending query process is killed, commands go on, and after its restart its
/// read model catches up with nothing lost and nothing applied twice.
/// </summary>
public sealed class ServiceTopologyTests(ServiceTopology topology) : IClassFixture<ServiceTopology>
{
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(30);

    private HttpClient Client => topology.AdminClient;

    [Fact]
    public async Task The_walk_through_works_through_the_gateway_and_a_killed_query_service_catches_up_after_its_restart()
    {
        var reader = await Client.Register();
        var readerId = (string)reader["readerId"]!;
        await Client.ReadReaderAtVersion(readerId, 1);

        var (isbn, barcodes) = await Client.AddBookWithCopies(4);
        var first = await CheckoutWhenReplicaKnowsReader(readerId, barcodes[0]);
        var firstLoanId = (string)first["loanId"]!;
        await Client.ReadReaderCounts(readerId, active: 1, overdue: 0, finesOwedCents: 0);
        var listed = await (await Client.GetAsync($"/api/loans?readerId={readerId}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(firstLoanId, (string)listed["items"]![0]!["loanId"]!);

        // Back-dated: overdue at once, at the top of the overdue list with its accrued fine.
        var overdue = await Client.Checkout(readerId, barcodes[1], DateTimeOffset.UtcNow.AddDays(-40));
        var overdueLoanId = (string)overdue["loanId"]!;
        var overdueList = await Eventually.Until(
            async () => await (await Client.GetAsync("/api/loans/overdue")).ShouldBe(HttpStatusCode.OK),
            list => list["items"]!.AsArray().Count > 0 && (string)list["items"]![0]!["loanId"]! == overdueLoanId,
            Propagation,
            "the back-dated loan at the top of the overdue list");
        Assert.True((long)overdueList["items"]![0]!["fine"]!["accruedCents"]! > 0);
        await Client.ReadReaderCounts(readerId, active: 2, overdue: 1, finesOwedCents: 0);

        var refused = await Eventually.Until(
            () => Client.TryCheckout(readerId, barcodes[2]),
            response => response.StatusCode == HttpStatusCode.Conflict,
            Propagation,
            "checkout refused once Lending knows the loan is overdue");
        await refused.ShouldBeProblem(HttpStatusCode.Conflict, "reader.has_overdue_loans");

        var returned = await Client.Return(overdueLoanId, new { comment = "Spine worn" });
        var fineId = (string)returned["fine"]!["fineId"]!;
        var assessed = (long)returned["fine"]!["amountCents"]!;
        Assert.True(assessed > 0);
        await Client.ReadReaderCounts(readerId, active: 1, overdue: 0, finesOwedCents: assessed);
        var half = assessed / 2;
        await (await Client.PostJson($"/api/fines/{fineId}/payments", new { amountCents = half })).ShouldBe(HttpStatusCode.OK);
        await (await Client.PostJson($"/api/fines/{fineId}/waiver", new { reason = "First offence" })).ShouldBe(HttpStatusCode.OK);
        await Client.ReadReaderCounts(readerId, active: 1, overdue: 0, finesOwedCents: 0);

        // Reader categories: the gateway sends /api/categories to the Lending command service and a reader's
        // category to the Reader command service; the change reaches the query side over RabbitMQ.
        var categories = await (await Client.GetAsync("/api/categories")).ShouldBe(HttpStatusCode.OK);
        Assert.Contains("child", categories["categories"]!.AsArray().Select(c => (string)c!["code"]!));
        await (await Client.SendJson(HttpMethod.Put, $"/api/readers/{readerId}/category", new { category = "child" }, "\"1\"")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("child", (string)(await Client.ReadReaderAtVersion(readerId, 2))["category"]!);

        // The trace the gateway gave the registration reached the projections of two other services.
        var traceId = TraceOf(ServiceTopology.Gateway, "\"RequestMethod\":\"POST\",\"RequestPath\":\"/api/readers\"");
        await AssertTraceReachedAsync(ServiceTopology.ReaderQuery, traceId, "reader.registered");
        await AssertTraceReachedAsync(ServiceTopology.LendingCommand, traceId, "reader.registered");

        // The gateway's API page lists every service's document, each fetched from its service.
        var lendingQueryApi = await (await Client.GetAsync("/openapi/lending-query.json")).ShouldBe(HttpStatusCode.OK);
        Assert.NotNull(lendingQueryApi["paths"]!["/api/loans/overdue"]);

        // A caller's own trace context is continued, not replaced. Sent on a bare socket: this test process
        // also hosts the development host, whose HttpClient tracing would stamp its own context on the request.
        var callerTrace = System.Diagnostics.ActivityTraceId.CreateRandom().ToString();
        var status = await topology.SendRawAsync($"GET /api/lending-policy HTTP/1.1\r\nAuthorization: Bearer {await topology.AdminTokenAsync()}\r\ntraceparent: 00-{callerTrace}-{System.Diagnostics.ActivitySpanId.CreateRandom()}-01\r\n");
        Assert.Equal(200, status);
        await Eventually.Until(
            () => Task.FromResult(topology.LogOf(ServiceTopology.LendingCommand).Any(line =>
                line.Contains($"\"@tr\":\"{callerTrace}\"", StringComparison.Ordinal) && line.Contains("/api/lending-policy", StringComparison.Ordinal))),
            found => found,
            Propagation,
            "the caller's trace id in the Lending command service's request log");

        // The Lending query service dies; the write side goes on without it.
        topology.Kill(ServiceTopology.LendingQuery);
        await (await Client.GetAsync($"/api/loans/{firstLoanId}")).ShouldBeProblem(HttpStatusCode.ServiceUnavailable, "gateway.service_unavailable");
        var readiness = await (await Client.GetAsync("/health/ready")).ShouldBe(HttpStatusCode.ServiceUnavailable);
        var lendingQueryCheck = readiness["checks"]!.AsArray().Single(check => (string)check!["name"]! == ServiceTopology.LendingQuery)!;
        Assert.Equal("Unhealthy", (string)lendingQueryCheck["status"]!);
        Assert.Equal(5, readiness["checks"]!.AsArray().Count(check => (string)check!["status"]! == "Healthy")); // the other five services

        var (secondIsbn, secondBarcodes) = await Client.AddBookWithCopies(2);
        var whileDown = await Client.Checkout(readerId, secondBarcodes[0]);
        // The desk's check-in by barcode goes to the Lending command service, which returns the copy's open loan.
        var checkedIn = await (await Client.PostJson("/api/checkins", new { barcode = barcodes[0] })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal((firstLoanId, "shelf"), ((string)checkedIn["loanId"]!, (string)checkedIn["routeTo"]!));
        await Client.ReadReaderCounts(readerId, active: 1, overdue: 0, finesOwedCents: 0);

        await topology.RestartAsync(ServiceTopology.LendingQuery);

        // Caught up: the events of the outage arrive from the durable queue, each applied once.
        var whileDownLoan = await Client.ReadLoanAtVersion((string)whileDown["loanId"]!, (long)whileDown["version"]!);
        Assert.Equal("active", (string)whileDownLoan["status"]!);
        var firstLoan = await Client.ReadLoanAtVersion(firstLoanId, 2);
        Assert.Equal("returned", (string)firstLoan["status"]!);
        Assert.Equal(2, (long)firstLoan["version"]!);

        var loans = await Eventually.Until(
            async () => await (await Client.GetAsync($"/api/loans?readerId={readerId}&pageSize=50")).ShouldBe(HttpStatusCode.OK),
            page => (int)page["total"]! == 3,
            Propagation);
        Assert.Equal(3, loans["items"]!.AsArray().Select(loan => (string)loan!["loanId"]!).Distinct().Count());

        var book = await (await Client.GetAsync($"/api/books/{isbn}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(4, (int)book["copiesTotal"]!);
        Assert.Equal(4, (int)book["copiesAvailable"]!);
        var secondBook = await Eventually.Until(
            () => Client.GetFound($"/api/books/{secondIsbn}"),
            found => found is not null && (int)found["copiesTotal"]! == 2 && (int)found["copiesAvailable"]! == 1,
            Propagation,
            "the book added while the query service was down, with one copy on loan");
        Assert.Equal(secondIsbn, (string)secondBook!["isbn"]!);

        // The statistics follow in a group of their own; counted once each, they reach exactly 3.
        var stats = await Eventually.Until(
            async () => await (await Client.GetAsync("/api/stats/loans")).ShouldBe(HttpStatusCode.OK),
            found => found["loansPerMonth"]!.AsArray().Sum(month => (int)month!["loans"]!) >= 3,
            Propagation,
            "the statistics counting the three loans");
        Assert.Equal(3, stats["loansPerMonth"]!.AsArray().Sum(month => (int)month!["loans"]!));

        // Renewing all of a reader's loans is under /api/readers but the loans' service's: the gateway sends
        // it to the Lending command service ahead of the Reader services' routes.
        var renewals = await (await Client.PostAsync($"/api/readers/{readerId}/renewals", null)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal((string)whileDown["loanId"]!, (string)Assert.Single(renewals["renewed"]!.AsArray())!["loanId"]!);
        Assert.Empty(renewals["refused"]!.AsArray());
    }

    [Fact]
    public async Task The_web_front_end_signs_in_with_pkce_and_serves_the_desk_through_the_gateway()
    {
        // A browser's requests, by hand: every hop (front end, Identity's sign-in page, authorize, callback) through the one base URL.
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() })
        {
            BaseAddress = topology.Client.BaseAddress,
        };
        var home = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Welcome to the Library", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var challenge = await browser.GetAsync("/signin?returnUrl=%2Fdesk");
        Assert.StartsWith($"{topology.Client.BaseAddress}connect/authorize?", challenge.Headers.Location!.ToString(), StringComparison.Ordinal);
        var toSignIn = await browser.GetAsync(challenge.Headers.Location);
        Assert.StartsWith("/account/signin?returnUrl=", toSignIn.Headers.Location!.ToString(), StringComparison.Ordinal);
        var page = await (await browser.GetAsync(toSignIn.Headers.Location)).Content.ReadAsStringAsync();
        string Field(string name) => System.Net.WebUtility.HtmlDecode(
            System.Text.RegularExpressions.Regex.Match(page, $"name=\"{name}\" value=\"([^\"]*)\"").Groups[1].Value);
        var signedIn = await browser.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Field("__RequestVerificationToken"),
            ["returnUrl"] = Field("returnUrl"),
            ["username"] = Auth.SignIn.Admin,
            ["password"] = ServiceTopology.AdminPassword,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var callback = await browser.GetAsync(signedIn.Headers.Location);
        Assert.StartsWith($"{topology.Client.BaseAddress}signin-oidc?code=", callback.Headers.Location!.ToString(), StringComparison.Ordinal);
        var landed = await browser.GetAsync(callback.Headers.Location);
        Assert.Equal("/desk", landed.Headers.Location!.ToString());

        var desk = await (await browser.GetAsync("/desk")).Content.ReadAsStringAsync();
        Assert.Contains("Signed in as <strong>admin</strong>", desk, StringComparison.Ordinal);
        Assert.Contains("Scan or type a reader number", desk, StringComparison.Ordinal);

        // The front end calls the API with the user's token: the overdue list is the Lending query service's answer.
        var overdue = await browser.GetAsync("/overdue");
        Assert.Equal(HttpStatusCode.OK, overdue.StatusCode);
        Assert.DoesNotContain("class=\"message error\"", await overdue.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkouts_racing_erasures_over_RabbitMQ_never_strand_a_loan_also_with_the_Lending_service_stopped_in_the_middle()
    {
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var round = 0; round < 10; round++)
        {
            var readerId = (string)(await Client.Register())["readerId"]!;
            var (_, barcodes) = await Client.AddBookWithCopies(1);
            await WaitForLendingToKnowAsync(readerId);

            // As on the development host: a spread of head starts for the checkout, so both orders occur
            // (up to 40 ms, the checkout won all 10 rounds over RabbitMQ).
            var headStart = TimeSpan.FromMilliseconds(new[] { 0, 25, 50, 100, 200 }[round % 5]);
            var answers = await Desks.AtOnce(
                async () =>
                {
                    await Task.Delay(headStart);
                    return await Client.TryCheckout(readerId, barcodes[0]);
                },
                () => Client.DeleteAsync($"/api/readers/{readerId}"));
            var (checkout, erasure) = (answers[0], answers[1]);
            Assert.True(erasure.Status is HttpStatusCode.Accepted or HttpStatusCode.Conflict, erasure.Body.ToJsonString());
            (string Status, string? Code) ended = erasure.Status == HttpStatusCode.Accepted
                ? await Client.ErasureEndedAsync(readerId, (string)erasure.Body["requestId"]!, Propagation)
                : ("refused", (string?)erasure.Body["code"]);
            if (checkout.Status == HttpStatusCode.Created)
            {
                Assert.Equal(("refused", "reader.has_open_loans"), ended);
            }
            else
            {
                Assert.Contains((string?)checkout.Body["code"], new[] { "reader.erasure_pending", "reader.erased" });
                Assert.Equal("completed", ended.Status);
            }

            var outcome = $"checkout {(int)checkout.Status} {(string?)checkout.Body["code"]}, erasure {(int)erasure.Status} then {ended.Status}";
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            await AssertNotErasedWithLoansAsync(readerId);
        }

        TestContext.Current.TestOutputHelper!.WriteLine("checkout || erasure over RabbitMQ: " + string.Join("; ", outcomes.Select(o => $"{o.Key} x{o.Value}")));

        // The Lending service stops: erasures stay pending (nobody else may decide them), the desk cannot lend.
        var free = (string)(await Client.Register())["readerId"]!;
        var borrower = (string)(await Client.Register())["readerId"]!;
        var (_, copies) = await Client.AddBookWithCopies(2);
        await WaitForLendingToKnowAsync(free);
        await WaitForLendingToKnowAsync(borrower);
        var loanId = (string)(await Client.Checkout(borrower, copies[0]))["loanId"]!;
        await Eventually.Until(() => ScalarAsync(ServiceTopology.ReaderCommand, "SELECT COUNT(*) FROM reader.lending_obligations WHERE source_id = @id", loanId), n => n == 1, Propagation);

        // The borrower's replica row is dropped, as if loan.created were still on its way: only Lending can refuse now.
        await ScalarAsync(ServiceTopology.ReaderCommand, "WITH gone AS (DELETE FROM reader.lending_obligations WHERE reader_id = @id RETURNING 1) SELECT COUNT(*) FROM gone", borrower);
        topology.Kill(ServiceTopology.LendingCommand);
        var freeErasure = await (await Client.DeleteAsync($"/api/readers/{free}")).ShouldBe(HttpStatusCode.Accepted);
        var borrowerErasure = await (await Client.DeleteAsync($"/api/readers/{borrower}")).ShouldBe(HttpStatusCode.Accepted);
        await (await Client.TryCheckout(free, copies[1])).ShouldBeProblem(HttpStatusCode.ServiceUnavailable, "gateway.service_unavailable");
        var pending = await Eventually.Until(
            () => Client.GetFound($"/api/readers/{free}/erasure"),
            found => found is not null && (string?)found["status"] == "pending",
            Propagation,
            "the pending erasure on the query side");
        Assert.Equal((string)freeErasure["requestId"]!, (string)pending!["requestId"]!);

        await topology.RestartAsync(ServiceTopology.LendingCommand);
        Assert.Equal(("completed", null), await Client.ErasureEndedAsync(free, (string)freeErasure["requestId"]!, Propagation));
        Assert.Equal(("refused", "reader.has_open_loans"), await Client.ErasureEndedAsync(borrower, (string)borrowerErasure["requestId"]!, Propagation));
        await (await Client.TryCheckout(free, copies[1])).ShouldBeProblem(HttpStatusCode.Conflict, "reader.erased");
        await Client.Return(loanId);
        await AssertNotErasedWithLoansAsync(free);
        await AssertNotErasedWithLoansAsync(borrower);
    }

    private async Task WaitForLendingToKnowAsync(string readerId) =>
        await Eventually.Until(
            () => ScalarAsync(ServiceTopology.LendingCommand, "SELECT COUNT(*) FROM lending.reader_eligibility WHERE reader_id = @id", readerId),
            known => known == 1,
            Propagation,
            $"Lending's replica of reader {readerId}");

    /// <summary>Each service's own database: an erased reader (Reader command) has no open loan (Lending command).</summary>
    private async Task AssertNotErasedWithLoansAsync(string readerId)
    {
        var erased = await ScalarAsync(ServiceTopology.ReaderCommand, "SELECT COUNT(*) FROM reader.readers WHERE id = @id AND status = 'Erased'", readerId);
        var open = await ScalarAsync(ServiceTopology.LendingCommand, "SELECT COUNT(*) FROM lending.loans WHERE reader_id = @id AND status = 'Active'", readerId);
        Assert.False(erased == 1 && open > 0, $"Reader {readerId} is erased with {open} open loan(s).");
    }

    private async Task<long> ScalarAsync(string service, string sql, string id)
    {
        await using var db = new Npgsql.NpgsqlConnection(topology.ConnectionStringOf(service));
        await db.OpenAsync();
#pragma warning disable CA2100 // The tests' own statements.
        await using var command = new Npgsql.NpgsqlCommand(sql, db);
#pragma warning restore CA2100
        command.Parameters.AddWithValue("id", Guid.Parse(id));
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<JsonObject> CheckoutWhenReplicaKnowsReader(string readerId, string barcode)
    {
        var response = await Eventually.Until(
            () => Client.TryCheckout(readerId, barcode),
            r => r.StatusCode != HttpStatusCode.NotFound,
            Propagation,
            "Lending's replica of the reader");
        return await response.ShouldBe(HttpStatusCode.Created);
    }

    private string TraceOf(string service, string marker)
    {
        var line = topology.LogOf(service).First(line => line.Contains(marker, StringComparison.Ordinal));
        return System.Text.Json.Nodes.JsonNode.Parse(line)!["@tr"]!.GetValue<string>();
    }

    private async Task AssertTraceReachedAsync(string service, string traceId, string topic) =>
        await Eventually.Until(
            () => Task.FromResult(topology.LogOf(service).Any(line =>
                line.Contains($"\"@tr\":\"{traceId}\"", StringComparison.Ordinal)
                && line.Contains($"\"Topic\":\"{topic}\"", StringComparison.Ordinal)
                && line.Contains("ConsumerObservabilityFilter", StringComparison.Ordinal))),
            reached => reached,
            Propagation,
            $"{service} logging that it handled {topic} in trace {traceId}");

}
