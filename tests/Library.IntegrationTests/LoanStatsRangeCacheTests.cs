using System.Diagnostics;
using System.Net;

namespace Library.IntegrationTests;

/// <summary>
/// ADR 0027: a range's statistics are served from a cache for at most <c>Statistics:RangeFreshness</c>
/// (10 s, the default this host runs), recomputed in the background once half as old; the all-time
/// statistics stay live. Owns its host, so the counts are the loans made here.
/// </summary>
public sealed class LoanStatsRangeCacheTests(LibraryAppFactory app) : IClassFixture<LibraryAppFactory>
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(10);

    private readonly HttpClient _client = app.CreateLibrarianClient();

    [Fact]
    public async Task A_range_answers_from_its_cache_until_half_its_freshness_then_catches_up_within_it()
    {
        const string January = "/api/stats/loans?from=2026-01-01&to=2026-01-31";
        var january = new DateTimeOffset(2026, 1, 9, 10, 0, 0, TimeSpan.Zero);
        var book = await _client.AddBook(title: "Cached");
        var copies = new[] { await _client.AddCopy(book), await _client.AddCopy(book) };
        var reader = await app.RegisterBorrower(_client);
        var other = await app.RegisterBorrower(_client);
        await _client.Checkout(reader, copies[0], january);
        await Eventually.Until(
            async () => await (await _client.GetAsync("/api/stats/loans")).ShouldBe(HttpStatusCode.OK),
            stats => (long)stats["totalLoans"]! == 1,
            what: "the first loan counted");

        var cachedAt = Stopwatch.StartNew();
        var before = await (await _client.GetAsync(January)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(1, (long)before["totalLoans"]!);
        Assert.Equal([(book, 1L)], before["topBooks"]!.AsArray().Select(b => ((string)b!["isbn"]!, (long)b["loans"]!)));

        await _client.Checkout(other, copies[1], january.AddDays(1));
        await Eventually.Until(
            async () => await (await _client.GetAsync("/api/stats/loans")).ShouldBe(HttpStatusCode.OK),
            stats => (long)stats["totalLoans"]! == 2,
            what: "the second loan counted in the live all-time statistics");
        var stale = await (await _client.GetAsync(January)).ShouldBe(HttpStatusCode.OK);
        Assert.True(cachedAt.Elapsed < Freshness / 2, $"the second loan took {cachedAt.Elapsed} to be counted, longer than half the freshness");
        Assert.Equal(before.ToJsonString(), stale.ToJsonString());

        var fresh = await Eventually.Until(
            async () => await (await _client.GetAsync(January)).ShouldBe(HttpStatusCode.OK),
            stats => (long)stats["totalLoans"]! == 2,
            what: "the range's answer recomputed once older than half its freshness, and served before it is older than the freshness",
            timeout: Freshness * 3);
        // Before the freshness ran out: the eager refresh, not the expiry, brought the new answer.
        Assert.InRange(cachedAt.Elapsed, Freshness / 2, Freshness);
        Assert.Equal([(book, 2L)], fresh["topBooks"]!.AsArray().Select(b => ((string)b!["isbn"]!, (long)b["loans"]!)));
        Assert.Equal(
            new[] { (reader, 1L), (other, 1L) }.OrderBy(r => r.Item1, StringComparer.Ordinal),
            fresh["topReaders"]!.AsArray().Select(r => ((string)r!["readerId"]!, (long)r["loans"]!)));
    }
}
