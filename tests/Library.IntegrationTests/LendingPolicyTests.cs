using System.Net;

namespace Library.IntegrationTests;

/// <summary>Owns its host: changing the policy would change every other class's loans.</summary>
public sealed class LendingPolicyTests(LibraryAppFactory app) : IClassFixture<LibraryAppFactory>
{
    private readonly HttpClient _client = app.CreateAdminClient();

    private static object Policy(int loanPeriodDays = 15, string currency = "EUR") => new
    {
        loanPeriodDays,
        maxActiveLoans = 3,
        maxRenewals = 2,
        finePerDayCents = 50,
        maxFinePerLoanCents = 5000,
        lostItemFeeCents = 2500,
        maxFinesOwedCents = 0,
        currency,
    };

    [Fact]
    public async Task The_policy_is_read_and_replaced_with_if_match_and_governs_new_checkouts()
    {
        var read = await _client.GetAsync("/api/lending-policy");
        var policy = await read.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(15, (int)policy["loanPeriodDays"]!);
        Assert.Equal(3, (int)policy["maxActiveLoans"]!);
        Assert.Equal(2, (int)policy["maxRenewals"]!);
        Assert.Equal(50, (long)policy["finePerDayCents"]!);
        Assert.Equal(5000, (long)policy["maxFinePerLoanCents"]!);
        Assert.Equal(2500, (long)policy["lostItemFeeCents"]!);
        Assert.Equal(0, (long)policy["maxFinesOwedCents"]!);
        Assert.Equal("EUR", (string)policy["currency"]!);
        Assert.Equal("\"1\"", read.ETag());

        await (await _client.SendJson(HttpMethod.Put, "/api/lending-policy", Policy(21)))
            .ShouldBeProblem(HttpStatusCode.PreconditionRequired, "request.if_match_required");
        await (await _client.SendJson(HttpMethod.Put, "/api/lending-policy", Policy(21), ifMatch: "\"9\""))
            .ShouldBeProblem(HttpStatusCode.PreconditionFailed, "request.version_mismatch");
        var invalid = await (await _client.SendJson(HttpMethod.Put, "/api/lending-policy", Policy(0, "euro"), ifMatch: "\"1\""))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "request.validation_failed");
        Assert.Contains("loanPeriodDays", invalid["errors"]!.AsObject().Select(e => e.Key));
        Assert.Contains("currency", invalid["errors"]!.AsObject().Select(e => e.Key));
        await (await _client.SendJson(HttpMethod.Put, "/api/lending-policy", new { loanPeriodDays = 10 }, ifMatch: "\"1\""))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "request.validation_failed");

        var changed = await _client.SendJson(HttpMethod.Put, "/api/lending-policy", Policy(21), ifMatch: "\"1\"");
        Assert.Equal(21, (int)(await changed.ShouldBe(HttpStatusCode.OK))["loanPeriodDays"]!);
        Assert.Equal("\"2\"", changed.ETag());

        var unchanged = await _client.SendJson(HttpMethod.Put, "/api/lending-policy", Policy(21), ifMatch: "\"2\"");
        Assert.Equal(2, (long)(await unchanged.ShouldBe(HttpStatusCode.OK))["version"]!);

        var (_, barcodes) = await _client.AddBookWithCopies(1);
        var readerId = await app.RegisterBorrower(_client);
        var loan = await _client.Checkout(readerId, barcodes[0]);
        Assert.Equal(app.Clock.GetUtcNow().AddDays(21), (DateTimeOffset)loan["dueDate"]!);
    }
}
