using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Library.IntegrationTests.Auth;

namespace Library.IntegrationTests;

/// <summary>
/// Cursor (keyset) paging of the two loan lists beside their page numbers (ADR 0024): walking a list by
/// its <c>next</c> cursors yields exactly the loans its numbered pages do, in the same order, ties of the
/// sort value included; a cursor that is not one of the list is a 400 with its code, never a 500; and a
/// reader's cursor reads only what the reader may list anyway.
/// </summary>
public sealed class LoanCursorTests(LibraryAppFactory app) : IClassFixture<LibraryAppFactory>
{
    private readonly HttpClient _client = app.CreateLibrarianClient();

    private DateTimeOffset Now => app.Clock.GetUtcNow();

    [Fact]
    public async Task The_overdue_list_walked_by_cursor_is_the_list_walked_by_page_number()
    {
        var (_, barcodes) = await _client.AddBookWithCopies(7);
        var loanIds = new List<string>();
        for (var i = 0; i < barcodes.Length; i++)
        {
            // One reader a loan (an overdue loan blocks the next checkout); three share a due date, so
            // the id breaks their tie and a page boundary falls inside it.
            var readerId = await app.RegisterBorrower(_client);
            loanIds.Add((string)(await _client.Checkout(readerId, barcodes[i], Now.AddDays(i < 3 ? -40 : -20 - i)))["loanId"]!);
        }

        await Eventually.Until(
            async () => await (await _client.GetAsync("/api/loans/overdue?pageSize=100")).ShouldBe(HttpStatusCode.OK),
            page => loanIds.All(id => page["items"]!.AsArray().Any(l => (string)l!["loanId"]! == id)),
            what: "the loans on the overdue list");

        var (byNumber, byCursor) = await WalkBothWaysAsync("/api/loans/overdue?pageSize=2");

        Assert.Equal(byNumber, byCursor);
        Assert.Superset(loanIds.ToHashSet(), byCursor.ToHashSet());
    }

    [Fact]
    public async Task The_loan_search_walked_by_cursor_is_the_search_walked_by_page_number()
    {
        var (isbn, barcodes) = await _client.AddBookWithCopies(5);
        var at = Now.AddDays(-3);
        for (var i = 0; i < barcodes.Length; i++)
        {
            // Two checkouts at the very same instant: a tie of the sort value.
            var readerId = await app.RegisterBorrower(_client);
            var loan = await _client.Checkout(readerId, barcodes[i], i < 2 ? at : at.AddHours(i));
            await _client.ReadLoanAtVersion((string)loan["loanId"]!, 1);
        }

        var (byNumber, byCursor) = await WalkBothWaysAsync($"/api/loans?isbn={isbn}&pageSize=2");

        Assert.Equal(5, byNumber.Count);
        Assert.Equal(byNumber, byCursor);

        // The filters still apply to a cursor's page: only this book's loans, newest first.
        var first = await (await _client.GetAsync($"/api/loans?isbn={isbn}&pageSize=1")).ShouldBe(HttpStatusCode.OK);
        var second = await (await _client.GetAsync($"/api/loans?isbn={isbn}&pageSize=1&after={(string)first["next"]!}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(0, (int)second["page"]!);
        Assert.Equal(5, (long)second["total"]!);
        Assert.Equal(byNumber[1], (string)second["items"]![0]!["loanId"]!);
    }

    [Fact]
    public async Task A_malformed_tampered_or_foreign_cursor_is_a_400_with_its_code()
    {
        var (_, barcodes) = await _client.AddBookWithCopies(2);
        var readerId = await app.RegisterBorrower(_client);
        await _client.Checkout(readerId, barcodes[0], Now.AddDays(-30));
        var loan = await _client.Checkout(await app.RegisterBorrower(_client), barcodes[1], Now.AddDays(-31));
        await _client.ReadLoanAtVersion((string)loan["loanId"]!, 1);
        var overdue = await Eventually.Until(
            async () => await (await _client.GetAsync("/api/loans/overdue?pageSize=1")).ShouldBe(HttpStatusCode.OK),
            page => page["next"] is not null,
            what: "an overdue page with a next cursor");
        var overdueCursor = (string)overdue["next"]!;
        var searchCursor = (string)(await (await _client.GetAsync($"/api/loans?readerId={readerId}&pageSize=1&status=overdue")).ShouldBe(HttpStatusCode.OK))["next"]!
            ?? (string)(await (await _client.GetAsync("/api/loans?pageSize=1")).ShouldBe(HttpStatusCode.OK))["next"]!;

        string[] bad =
        [
            "not a cursor!",
            "AAAA",
            Base64Url("1|overdue|OpenDueDate:asc|not-ticks|x"),
            Base64Url("2|overdue|OpenDueDate:asc|0|x"),
            Base64Url("1|overdue|OpenDueDate:asc|99999999999999999999|x"),
            Base64Url("1|overdue|OpenDueDate:desc|0|x"),
            new string('A', 400),
            searchCursor,
        ];
        foreach (var cursor in bad)
        {
            var problem = await (await _client.GetAsync($"/api/loans/overdue?after={Uri.EscapeDataString(cursor)}"))
                .ShouldBeProblem(HttpStatusCode.BadRequest, "paging.invalid_cursor");
            Assert.Contains("after", problem["errors"]!.AsObject().Select(e => e.Key));
        }

        await (await _client.GetAsync($"/api/loans?after={Uri.EscapeDataString(overdueCursor)}")).ShouldBeProblem(HttpStatusCode.BadRequest, "paging.invalid_cursor");
        await (await _client.GetAsync($"/api/loans/overdue?page=2&after={Uri.EscapeDataString(overdueCursor)}"))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "request.validation_failed");
        await (await _client.GetAsync($"/api/loans?page=2&after={Uri.EscapeDataString(searchCursor)}"))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "request.validation_failed");

        // page=1 with a cursor is the cursor's page: the first page is no position of its own.
        await (await _client.GetAsync($"/api/loans/overdue?page=1&pageSize=1&after={Uri.EscapeDataString(overdueCursor)}")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_reader_pages_their_own_loans_by_cursor_and_no_one_elses()
    {
        var reader = await _client.RegisterReaderWithPasswordAsync();
        var readerId = (string)reader["readerId"]!;
        await app.WaitForLendingReplica(readerId, 1);
        var other = await _client.RegisterReaderWithPasswordAsync();
        var (_, barcodes) = await _client.AddBookWithCopies(3);
        var loanIds = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            loanIds.Add((string)(await _client.Checkout(readerId, barcodes[i], Now.AddHours(-i - 1)))["loanId"]!);
        }

        foreach (var id in loanIds)
        {
            await _client.ReadLoanAtVersion(id, 1);
        }

        var own = await app.CreateClient().AsReaderAsync((string)reader["readerNumber"]!);
        var first = await (await own.GetAsync($"/api/loans?readerId={readerId}&pageSize=2")).ShouldBe(HttpStatusCode.OK);
        var next = Uri.EscapeDataString((string)first["next"]!);
        var second = await (await own.GetAsync($"/api/loans?readerId={readerId}&pageSize=2&after={next}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(loanIds, first["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(l => (string)l!["loanId"]!));
        Assert.Null(second["next"]);

        // The same authorization as without a cursor: readerId required, another's reader is not found.
        await (await own.GetAsync($"/api/loans?after={next}")).ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
        var stranger = await app.CreateClient().AsReaderAsync((string)other["readerNumber"]!);
        await (await stranger.GetAsync($"/api/loans?readerId={readerId}&after={next}")).ShouldBeProblem(HttpStatusCode.NotFound, "reader.not_found");
        var strangers = await (await stranger.GetAsync($"/api/loans?readerId={(string)other["readerId"]!}&after={next}")).ShouldBe(HttpStatusCode.OK);
        Assert.Empty(strangers["items"]!.AsArray());
        await (await own.GetAsync($"/api/loans/overdue?after={next}")).ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
    }

    private static string Base64Url(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The loan ids of a list, once by page numbers and once by following <c>next</c> from the first page.</summary>
    private async Task<(List<string> ByNumber, List<string> ByCursor)> WalkBothWaysAsync(string route)
    {
        var byNumber = new List<string>();
        for (var page = 1; ; page++)
        {
            var answer = await (await _client.GetAsync($"{route}&page={page}")).ShouldBe(HttpStatusCode.OK);
            var items = answer["items"]!.AsArray();
            byNumber.AddRange(items.Select(l => (string)l!["loanId"]!));
            Assert.Equal(byNumber.Count < (long)answer["total"]!, answer["next"] is not null);
            if (items.Count == 0 || answer["next"] is null)
            {
                break;
            }
        }

        var byCursor = new List<string>();
        JsonNode? cursor = null;
        for (var pages = 0; pages < 1000; pages++)
        {
            var answer = await (await _client.GetAsync(cursor is null ? route : $"{route}&after={Uri.EscapeDataString((string)cursor!)}")).ShouldBe(HttpStatusCode.OK);
            Assert.Equal(cursor is null ? 1 : 0, (int)answer["page"]!);
            byCursor.AddRange(answer["items"]!.AsArray().Select(l => (string)l!["loanId"]!));
            cursor = answer["next"];
            if (cursor is null)
            {
                return (byNumber, byCursor);
            }
        }

        throw new InvalidOperationException("The cursor walk did not end.");
    }
}
