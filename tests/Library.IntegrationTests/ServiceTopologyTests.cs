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

    private HttpClient Client => topology.Client;

    [Fact]
    public async Task The_walk_through_works_through_the_gateway_and_a_killed_query_service_catches_up_after_its_restart()
    {
        // A caller's trace id, followed from the gateway through the outbox and the broker to the projections.
        var traceId = System.Diagnostics.ActivityTraceId.CreateRandom().ToString();
        using var register = new HttpRequestMessage(HttpMethod.Post, "/api/readers") { Content = JsonContent(ReaderScenario.ValidRegistration()) };
        register.Headers.Add("traceparent", $"00-{traceId}-{System.Diagnostics.ActivitySpanId.CreateRandom()}-01");
        var reader = await (await Client.SendAsync(register)).ShouldBe(HttpStatusCode.Created);
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

        AssertTraceReached(ServiceTopology.ReaderQuery, traceId, "reader.registered");
        AssertTraceReached(ServiceTopology.LendingCommand, traceId, "reader.registered");

        // The Lending query service dies; the write side goes on without it.
        topology.Kill(ServiceTopology.LendingQuery);
        await (await Client.GetAsync($"/api/loans/{firstLoanId}")).ShouldBeProblem(HttpStatusCode.ServiceUnavailable, "gateway.service_unavailable");
        var readiness = await (await Client.GetAsync("/health/ready")).ShouldBe(HttpStatusCode.ServiceUnavailable);
        var lendingQueryCheck = readiness["checks"]!.AsArray().Single(check => (string)check!["name"]! == ServiceTopology.LendingQuery)!;
        Assert.Equal("Unhealthy", (string)lendingQueryCheck["status"]!);
        Assert.Equal(3, readiness["checks"]!.AsArray().Count(check => (string)check!["status"]! == "Healthy"));

        var (secondIsbn, secondBarcodes) = await Client.AddBookWithCopies(2);
        var whileDown = await Client.Checkout(readerId, secondBarcodes[0]);
        await Client.Return(firstLoanId);
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
            async () => await (await Client.GetAsync($"/api/books/{secondIsbn}")).Json(),
            found => found["copiesTotal"] is not null && (int)found["copiesTotal"]! == 2 && (int)found["copiesAvailable"]! == 1,
            Propagation,
            "the book added while the query service was down, with one copy on loan");
        Assert.Equal(secondIsbn, (string)secondBook["isbn"]!);

        var stats = await (await Client.GetAsync("/api/stats/loans")).ShouldBe(HttpStatusCode.OK);
        var perMonth = stats["loansPerMonth"]!.AsArray().Sum(month => (int)month!["loans"]!);
        Assert.Equal(3, perMonth);
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

    private void AssertTraceReached(string service, string traceId, string topic)
    {
        var log = topology.LogOf(service);
        Assert.True(
            log.Any(line => line.Contains($"\"@tr\":\"{traceId}\"", StringComparison.Ordinal) && line.Contains($"\"Topic\":\"{topic}\"", StringComparison.Ordinal)),
            $"No log line of {service} handled {topic} in trace {traceId}. Lines of that trace or topic:\n" + string.Join(
                '\n',
                new[] { ServiceTopology.Gateway, ServiceTopology.ReaderCommand, ServiceTopology.ReaderQuery, ServiceTopology.LendingCommand }
                    .SelectMany(s => topology.LogOf(s).Select(line => $"[{s}] {line}"))
                    .Where(line => line.Contains(traceId, StringComparison.Ordinal) || line.Contains(topic, StringComparison.Ordinal) || line.Contains("/api/readers", StringComparison.Ordinal))
                    .Take(30)));
    }

    private static StringContent JsonContent(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body, ApiClient.Web), System.Text.Encoding.UTF8, "application/json");
}
