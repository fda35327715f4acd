using System.Net;
using System.Text.Json.Nodes;
using Library.IntegrationTests.Auth;

namespace Library.IntegrationTests;

/// <summary>
/// Spec section 6, the query side of holds: <c>GET /api/holds</c> and <c>/api/holds/{id}</c> with queue
/// positions, a book's <c>holdsWaiting</c> and a reader's <c>holdsWaiting</c> and <c>holdsReady</c>, own-only
/// for readers, and the refusals of hostile queries.
/// </summary>
public sealed class HoldQueriesTests(LibraryAppFactory app) : IClassFixture<LibraryAppFactory>
{
    private readonly HttpClient _desk = app.CreateLibrarianClient();

    [Fact]
    public async Task The_queue_reads_in_order_and_the_book_and_the_readers_count_it()
    {
        var (isbn, barcodes) = await _desk.AddBookWithCopies(1);
        var loanId = (string)(await _desk.Checkout(await app.RegisterBorrower(_desk), barcodes[0]))["loanId"]!;
        string[] readers = [await app.RegisterBorrower(_desk), await app.RegisterBorrower(_desk), await app.RegisterBorrower(_desk)];
        var holds = new List<string>();
        foreach (var reader in readers)
        {
            holds.Add(await PlaceHold(reader, isbn));
        }

        var queue = await Holds($"isbn={isbn}&status=waiting", 3);
        Assert.Equal(holds, queue.Select(h => (string)h!["holdId"]!));
        Assert.Equal([1, 2, 3], queue.Select(h => (int)h!["position"]!));
        Assert.Equal(readers, queue.Select(h => (string)h!["readerId"]!));
        Assert.All(queue, h => Assert.Equal("librarian", (string)h!["placedBy"]!["role"]!));
        await Book(isbn, holdsWaiting: 3, available: 0, total: 1);
        await Reader(readers[0], waiting: 1, ready: 0);

        // The first leaves the queue: the others move up.
        await (await _desk.SendJson(HttpMethod.Delete, $"/api/holds/{holds[0]}", null)).ShouldBe(HttpStatusCode.OK);
        queue = await Holds($"isbn={isbn}&status=waiting", 2);
        Assert.Equal([1, 2], queue.Select(h => (int)h!["position"]!));
        var cancelled = (await Holds($"isbn={isbn}&status=cancelled", 1)).Single()!;
        Assert.Null(cancelled["position"]?.GetValue<int>());
        Assert.NotNull(cancelled["closedAt"]);
        await Reader(readers[0], waiting: 0, ready: 0);

        // The return traps the copy for the second: on the hold shelf, counted but not available.
        await _desk.Return(loanId);
        var ready = (await Holds($"isbn={isbn}&status=ready", 1)).Single()!;
        Assert.Equal((holds[1], barcodes[0]), ((string)ready["holdId"]!, (string)ready["barcode"]!));
        Assert.NotNull(ready["pickupBy"]);
        await Book(isbn, holdsWaiting: 1, available: 0, total: 1, copyStatus: "on_hold_shelf");
        await Reader(readers[1], waiting: 0, ready: 1);
        Assert.Equal(1, (int)(await _desk.GetFound($"/api/holds/{holds[2]}"))!["position"]!);

        // The holder's checkout fulfils it, with the loan.
        var loan = await _desk.Checkout(readers[1], barcodes[0]);
        var fulfilled = (await Holds($"isbn={isbn}&status=fulfilled", 1)).Single()!;
        Assert.Equal((string)loan["loanId"]!, (string)fulfilled["loanId"]!);
        var details = await Reader(readers[1], waiting: 0, ready: 0);
        Assert.Equal(1, (int)details["activeLoans"]!);
        await Book(isbn, holdsWaiting: 1, available: 0, total: 1, copyStatus: "on_loan");

        // Filters combine: one reader's holds of any title.
        var own = await Holds($"readerId={readers[2]}", 1);
        Assert.Equal(holds[2], (string)own.Single()!["holdId"]!);
    }

    [Fact]
    public async Task A_reader_lists_and_reads_their_own_holds_only()
    {
        var (isbn, barcodes) = await _desk.AddBookWithCopies(1);
        await _desk.Checkout(await app.RegisterBorrower(_desk), barcodes[0]);
        var me = await _desk.RegisterReaderWithPasswordAsync();
        var myId = (string)me["readerId"]!;
        await app.WaitForLendingReplica(myId, 1);
        var asMe = await app.CreateClient().AsReaderAsync((string)me["readerNumber"]!);
        var mine = (string)(await (await asMe.PostJson("/api/holds", new { readerId = myId, isbn })).ShouldBe(HttpStatusCode.Created))["holdId"]!;
        var other = await app.RegisterBorrower(_desk);
        var theirs = await PlaceHold(other, isbn);
        await Holds($"isbn={isbn}", 2);

        var listed = await (await asMe.GetAsync($"/api/holds?readerId={myId}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal([mine], listed["items"]!.AsArray().Select(h => (string)h!["holdId"]!));
        Assert.Equal("reader", (string)listed["items"]![0]!["placedBy"]!["role"]!);
        using var read = await asMe.GetAsync($"/api/holds/{mine}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"1\"", read.ETag());
        await (await asMe.GetAsync($"/api/holds/{theirs}")).ShouldBeProblem(HttpStatusCode.NotFound, "hold.not_found");
        await (await asMe.GetAsync($"/api/holds?readerId={other}")).ShouldBeProblem(HttpStatusCode.NotFound, "reader.not_found");
        await (await asMe.GetAsync($"/api/holds?isbn={isbn}")).ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await app.CreateClient().GetAsync($"/api/holds/{mine}")).ShouldBeProblem(HttpStatusCode.Unauthorized, "auth.unauthenticated");

        var myDetails = await (await asMe.GetAsync($"/api/readers/{myId}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal((1, 0), ((int)myDetails["holdsWaiting"]!, (int)myDetails["holdsReady"]!));
    }

    [Theory]
    [InlineData("/api/holds?readerId=not-a-guid")]
    [InlineData("/api/holds?status=lost")]
    [InlineData("/api/holds?status=WAITING")]
    [InlineData("/api/holds?isbn=978000000000000000")]
    [InlineData("/api/holds?pageSize=0")]
    [InlineData("/api/holds?page=0")]
    [InlineData("/api/holds?pageSize=101")]
    public async Task Hostile_hold_queries_are_400_problems(string url)
    {
        await (await _desk.GetAsync(url)).ShouldBeProblem(HttpStatusCode.BadRequest, "request.validation_failed");
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("%27%3B--")]
    public async Task An_unknown_or_malformed_hold_id_is_a_404(string holdId)
    {
        await (await _desk.GetAsync($"/api/holds/{holdId}")).ShouldBeProblem(HttpStatusCode.NotFound, "hold.not_found");
    }

    private async Task<string> PlaceHold(string readerId, string isbn) =>
        (string)(await (await _desk.PostJson("/api/holds", new { readerId, isbn })).ShouldBe(HttpStatusCode.Created))["holdId"]!;

    /// <summary>The desk's list once it holds <paramref name="count"/> holds (the query side follows the events).</summary>
    private async Task<JsonArray> Holds(string filter, int count)
    {
        var page = await Eventually.Until(
            () => _desk.GetFound($"/api/holds?{filter}"),
            p => p is not null && (long)p["total"]! == count,
            what: $"{count} holds for {filter}");
        return page!["items"]!.AsArray();
    }

    private Task<JsonObject> Book(string isbn, int holdsWaiting, int available, int total, string copyStatus = "on_loan") =>
        Eventually.Until(
            () => _desk.GetFound($"/api/books/{isbn}"),
            b => b is not null && (int)b["holdsWaiting"]! == holdsWaiting && (int)b["copiesAvailable"]! == available && (int)b["copiesTotal"]! == total
                && (string)b["copies"]![0]!["status"]! == copyStatus,
            what: $"book {isbn} with {holdsWaiting} waiting holds, {available} of {total} copies available, its copy {copyStatus}")!;

    private Task<JsonObject> Reader(string readerId, int waiting, int ready) =>
        Eventually.Until(
            () => _desk.GetFound($"/api/readers/{readerId}"),
            r => r is not null && (int)r["holdsWaiting"]! == waiting && (int)r["holdsReady"]! == ready,
            what: $"reader {readerId} with {waiting} waiting and {ready} ready holds")!;
}
