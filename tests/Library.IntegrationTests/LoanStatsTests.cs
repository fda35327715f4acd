using System.Net;

namespace Library.IntegrationTests;

/// <summary>Owns its host, so the statistics contain exactly the loans made here.</summary>
public sealed class LoanStatsTests(LibraryAppFactory app) : IClassFixture<LibraryAppFactory>
{
    private readonly HttpClient _client = app.CreateLibrarianClient();

    [Fact]
    public async Task Statistics_give_the_average_duration_top_books_and_readers_and_loans_per_month()
    {
        var january = new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);
        var february = new DateTimeOffset(2026, 2, 10, 10, 0, 0, TimeSpan.Zero);
        var popular = await _client.AddBook(title: "Popular");
        var popularCopies = new[] { await _client.AddCopy(popular), await _client.AddCopy(popular), await _client.AddCopy(popular) };
        var quiet = await _client.AddBook(title: "Quiet");
        var quietCopy = await _client.AddCopy(quiet);
        var keen = await app.RegisterBorrower(_client);
        var occasional = await app.RegisterBorrower(_client);

        // January: keen borrows "Popular" for 3 days 12 hours, and again for 7 days.
        var first = (string)(await _client.Checkout(keen, popularCopies[0], january))["loanId"]!;
        await _client.Return(first, new { occurredAt = january.AddDays(3.5) });
        var second = (string)(await _client.Checkout(keen, popularCopies[0], january.AddDays(4)))["loanId"]!;
        await _client.Return(second, new { occurredAt = january.AddDays(11) });

        // February: one loan each; only occasional's is returned, after 2 days.
        var third = (string)(await _client.Checkout(occasional, quietCopy, february))["loanId"]!;
        await _client.Return(third, new { occurredAt = february.AddDays(2) });
        await _client.Checkout(keen, popularCopies[1], february.AddDays(1));

        var all = await Eventually.Until(
            async () => await (await _client.GetAsync("/api/stats/loans")).ShouldBe(HttpStatusCode.OK),
            stats => (long)stats["totalLoans"]! == 4 && (long)stats["returnedLoans"]! == 3
                && stats["topReaders"]!.AsArray().Sum(r => (long)r!["loans"]!) == 4 && stats["topBooks"]!.AsArray().Sum(b => (long)b!["loans"]!) == 4,
            what: "statistics over four loans, three returned");
        Assert.Equal(4.2, (double)all["averageLoanDurationDays"]!); // (3.5 + 7 + 2) / 3 = 4.1666…
        Assert.Equal([(popular, 3L), (quiet, 1L)], all["topBooks"]!.AsArray().Select(b => ((string)b!["isbn"]!, (long)b["loans"]!)));
        Assert.Equal("Popular", (string)all["topBooks"]![0]!["title"]!);
        Assert.Equal([(keen, 3L), (occasional, 1L)], all["topReaders"]!.AsArray().Select(r => ((string)r!["readerId"]!, (long)r["loans"]!)));
        Assert.Equal("Ada Lovelace", (string)all["topReaders"]![0]!["name"]!);
        Assert.Equal([("2026-01", 2L), ("2026-02", 2L)], all["loansPerMonth"]!.AsArray().Select(m => ((string)m!["month"]!, (long)m["loans"]!)));

        var februaryOnly = await (await _client.GetAsync("/api/stats/loans?from=2026-02-01&to=2026-02-28")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2, (long)februaryOnly["totalLoans"]!);
        Assert.Equal(2.0, (double)februaryOnly["averageLoanDurationDays"]!);
        Assert.Equal("2026-02", (string)februaryOnly["fromMonth"]!);

        // A range's top lists are summed in the store (ADR 0027): one loan each, ties in ordinal order of the key.
        Assert.Equal(
            new[] { (popular, 1L), (quiet, 1L) }.OrderBy(b => b.Item1, StringComparer.Ordinal),
            februaryOnly["topBooks"]!.AsArray().Select(b => ((string)b!["isbn"]!, (long)b["loans"]!)));
        Assert.Equal(
            new[] { (keen, 1L), (occasional, 1L) }.OrderBy(r => r.Item1, StringComparer.Ordinal),
            februaryOnly["topReaders"]!.AsArray().Select(r => ((string)r!["readerId"]!, (long)r["loans"]!)));
        var januaryToFebruary = await (await _client.GetAsync("/api/stats/loans?from=2026-01-01&to=2026-02-28")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal([(keen, 3L), (occasional, 1L)], januaryToFebruary["topReaders"]!.AsArray().Select(r => ((string)r!["readerId"]!, (long)r["loans"]!)));

        var empty = await (await _client.GetAsync("/api/stats/loans?from=2025-06-01&to=2025-06-30")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(0, (long)empty["totalLoans"]!);
        Assert.Null(empty["averageLoanDurationDays"]);
        Assert.Empty(empty["topBooks"]!.AsArray());

        await (await _client.GetAsync("/api/stats/loans?from=2026-03-01&to=2026-01-01")).ShouldBeProblem(HttpStatusCode.BadRequest, "request.validation_failed");
        await (await _client.GetAsync("/api/stats/loans?from=March")).ShouldBeProblem(HttpStatusCode.BadRequest, "request.malformed");
    }
}
