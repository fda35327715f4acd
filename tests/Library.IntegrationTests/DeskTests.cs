using System.Net;
using Library.IntegrationTests.Auth;

namespace Library.IntegrationTests;

/// <summary>
/// Spec section 6, circulation at the desk: the check-in by barcode (the return of the copy's open loan, as
/// a scanner sends it) and the renewal of every loan of a reader, through the development host.
/// </summary>
public sealed class DeskTests(LibraryAppFactory app) : IClassFixture<LibraryAppFactory>
{
    private readonly HttpClient _client = app.CreateLibrarianClient();

    private DateTimeOffset Now => app.Clock.GetUtcNow();

    [Fact]
    public async Task A_check_in_on_time_returns_the_copys_open_loan_to_the_shelf_with_no_fine()
    {
        var (_, barcodes) = await _client.AddBookWithCopies(1);
        var registration = await _client.Register();
        var readerId = (string)registration["readerId"]!;
        await app.WaitForLendingReplica(readerId, 1);
        var loanId = (string)(await _client.Checkout(readerId, barcodes[0], Now.AddDays(-3)))["loanId"]!;

        var response = await CheckIn(new { barcode = barcodes[0] });
        var checkedIn = await response.ShouldBe(HttpStatusCode.OK);

        Assert.Equal(loanId, (string)checkedIn["loanId"]!);
        Assert.Equal(readerId, (string)checkedIn["reader"]!["readerId"]!);
        Assert.Equal((string)registration["readerNumber"]!, (string)checkedIn["reader"]!["readerNumber"]!);
        Assert.Equal(Now, (DateTimeOffset)checkedIn["returnedAt"]!);
        Assert.Equal(0, (int)checkedIn["daysOverdue"]!);
        Assert.Null(checkedIn["fine"]);
        Assert.Equal("shelf", (string)checkedIn["routeTo"]!);
        Assert.Null(checkedIn["hold"]);
        Assert.Equal(2, (long)checkedIn["version"]!);
        Assert.Equal("\"2\"", response.ETag());

        var read = await _client.ReadLoanAtVersion(loanId, 2);
        Assert.Equal("returned", (string)read["status"]!);
        Assert.Equal(Now, (DateTimeOffset)read["returnedAt"]!);
        await _client.ReadReaderCounts(readerId, active: 0, overdue: 0, finesOwedCents: 0);

        // Returned once: a second scan finds no loan, and the return by id says so in its own words.
        await (await CheckIn(new { barcode = barcodes[0] })).ShouldBeProblem(HttpStatusCode.Conflict, "copy.not_on_loan");
        await (await _client.PostJson($"/api/loans/{loanId}/return", new { })).ShouldBeProblem(HttpStatusCode.Conflict, "loan.already_returned");

        // The copy is back on the shelf: it lends again, and the next check-in returns that new loan.
        var next = (string)(await _client.Checkout(readerId, barcodes[0]))["loanId"]!;
        Assert.Equal(next, (string)(await (await CheckIn(new { barcode = $"  {barcodes[0]} " })).ShouldBe(HttpStatusCode.OK))["loanId"]!);
    }

    [Fact]
    public async Task A_late_check_in_assesses_the_fine_as_a_return_does_with_its_comment_offline_time_and_events()
    {
        var (_, barcodes) = await _client.AddBookWithCopies(1);
        var readerId = await app.RegisterBorrower(_client);
        var loanId = (string)(await _client.Checkout(readerId, barcodes[0], Now.AddDays(-20)))["loanId"]!;

        // Due 5 days ago; scanned from the book drop yesterday, so 4 whole days late × 50 cents.
        var checkedIn = await (await CheckIn(new { barcode = barcodes[0], comment = "Book drop,\nwet cover", occurredAt = Now.AddDays(-1) }))
            .ShouldBe(HttpStatusCode.OK);
        Assert.Equal(4, (int)checkedIn["daysOverdue"]!);
        Assert.Equal(200, (long)checkedIn["fine"]!["amountCents"]!);
        Assert.Equal("EUR", (string)checkedIn["fine"]!["currency"]!);
        Assert.Equal(Now.AddDays(-1), (DateTimeOffset)checkedIn["returnedAt"]!);
        Assert.Equal("shelf", (string)checkedIn["routeTo"]!);

        var events = await app.PublishedEventsAbout(loanId);
        var closing = events.Where(e => e.Topic is "loan.returned" or "fine.assessed").ToList();
        Assert.Equal(["fine.assessed", "loan.returned"], closing.Select(e => e.Topic).Order());
        Assert.All(closing, e => Assert.Equal(2, (long)e.Value["version"]!));
        Assert.All(closing, e => Assert.Equal(200, (long)e.Value["loan"]!["fine"]!["balanceCents"]!));
        Assert.All(closing, e => Assert.Equal("librarian", (string)e.Value["actor"]!["role"]!));

        var read = await _client.ReadLoanAtVersion(loanId, 2);
        Assert.Equal("returned", (string)read["status"]!);
        Assert.Equal("Book drop,\nwet cover", (string)read["returnComment"]!);
        Assert.Equal(200, (long)read["fine"]!["balanceCents"]!);
        await _client.ReadReaderCounts(readerId, active: 0, overdue: 0, finesOwedCents: 200);
    }

    [Fact]
    public async Task A_check_in_of_an_unknown_barcode_is_404_and_of_a_copy_with_no_open_loan_409()
    {
        var (_, barcodes) = await _client.AddBookWithCopies(2);
        var readerId = await app.RegisterBorrower(_client);

        await (await CheckIn(new { barcode = "NO-SUCH-COPY" })).ShouldBeProblem(HttpStatusCode.NotFound, "copy.not_found");
        await (await CheckIn(new { barcode = barcodes[0] })).ShouldBeProblem(HttpStatusCode.Conflict, "copy.not_on_loan");

        // A lost copy has no open loan either: its loan was closed by the loss, not by a return.
        var lost = (string)(await _client.Checkout(readerId, barcodes[1]))["loanId"]!;
        await (await _client.PostAsync($"/api/loans/{lost}/lost", null)).ShouldBe(HttpStatusCode.OK);
        await (await CheckIn(new { barcode = barcodes[1] })).ShouldBeProblem(HttpStatusCode.Conflict, "copy.not_on_loan");
        Assert.Equal("lost", (await app.LoanRowsAsync([lost])).Single().Status);
    }

    [Fact]
    public async Task Desks_checking_in_one_copy_at_once_return_it_once_and_the_stores_agree()
    {
        var (_, barcodes) = await _client.AddBookWithCopies(4);
        var loanIds = new List<string>();
        var otherDesk = app.CreateLibrarianClient();
        foreach (var barcode in barcodes)
        {
            // A reader per copy: the fine of one round would keep its reader from borrowing in the next.
            var readerId = await app.RegisterBorrower(_client);
            var loanId = (string)(await _client.Checkout(readerId, barcode, Now.AddDays(-17)))["loanId"]!;
            loanIds.Add(loanId);

            // Three desks scan the same copy; on the last copy a return by id races the scans too.
            Func<Task<HttpResponseMessage>>[] desks =
            [
                () => CheckIn(new { barcode }),
                () => otherDesk.PostJson("/api/checkins", new { barcode }),
                barcode == barcodes[^1] ? () => _client.PostJson($"/api/loans/{loanId}/return", new { }) : () => CheckIn(new { barcode }),
            ];
            var answers = await Desks.AtOnce(desks);

            var winner = Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
            Assert.Equal(loanId, (string)winner.Body["loanId"]!);
            Assert.Equal(2, (int)winner.Body["daysOverdue"]!);
            Assert.Equal(100, (long)winner.Body["fine"]!["amountCents"]!);
            Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), loser =>
            {
                Assert.Equal(HttpStatusCode.Conflict, loser.Status);
                Assert.Contains((string?)loser.Body["code"], new[] { "copy.not_on_loan", "loan.already_returned" });
            });
        }

        var rows = await app.LoanRowsAsync(loanIds);
        Assert.All(rows, row => Assert.Equal(("returned", 2L, 100L), (row.Status, row.Version, row.Assessed)));
        foreach (var loanId in loanIds)
        {
            var returnedEvents = (await app.PublishedEventsAbout(loanId)).Where(e => e.Topic == "loan.returned").ToList();
            Assert.Single(returnedEvents);
        }

        await app.AssertAgreeAsync(_client, loanIds);
        foreach (var loanId in loanIds)
        {
            Assert.Equal("returned", (string)(await _client.ReadLoanAtVersion(loanId, 2))["status"]!);
        }
    }

    [Fact]
    public async Task Renewing_all_of_a_readers_loans_renews_what_may_be_and_names_the_refusal_of_each_other()
    {
        var (_, barcodes) = await _client.AddBookWithCopies(4);
        var readerId = await app.RegisterBorrower(_client);
        var returned = (string)(await _client.Checkout(readerId, barcodes[3], Now.AddDays(-2)))["loanId"]!;
        await _client.Return(returned);
        var renewable = await _client.Checkout(readerId, barcodes[0]);
        var atLimit = (string)(await _client.Checkout(readerId, barcodes[1]))["loanId"]!;
        for (var i = 0; i < 2; i++)
        {
            await (await _client.PostAsync($"/api/loans/{atLimit}/renewal", null)).ShouldBe(HttpStatusCode.OK);
        }

        // Back-dated last: a reader with an overdue loan could not have borrowed the other two.
        var overdue = (string)(await _client.Checkout(readerId, barcodes[2], Now.AddDays(-20)))["loanId"]!;

        var result = await (await _client.PostAsync($"/api/readers/{readerId}/renewals", null)).ShouldBe(HttpStatusCode.OK);

        var renewed = Assert.Single(result["renewed"]!.AsArray())!;
        Assert.Equal((string)renewable["loanId"]!, (string)renewed["loanId"]!);
        Assert.Equal(((DateTimeOffset)renewable["dueDate"]!).AddDays(15), (DateTimeOffset)renewed["dueDate"]!);
        Assert.Equal(1, (int)renewed["renewals"]!);
        Assert.Equal(2, (long)renewed["version"]!);
        var refused = result["refused"]!.AsArray().ToDictionary(r => (string)r!["loanId"]!, r => (string)r!["code"]!);
        Assert.Equal(new Dictionary<string, string> { [overdue] = "loan.overdue", [atLimit] = "loan.renewal_limit_reached" }, refused);

        // Each renewal is the single renewal's: its own event, and the refused loans untouched.
        var renewedEvents = (await app.PublishedEventsAbout((string)renewable["loanId"]!)).Where(e => e.Topic == "loan.renewed").ToList();
        Assert.Equal(2, (long)Assert.Single(renewedEvents).Value["version"]!);
        var rows = (await app.LoanRowsAsync([(string)renewable["loanId"]!, atLimit, overdue, returned])).ToDictionary(r => r.Id);
        Assert.Equal((1, 2L), (rows[(string)renewable["loanId"]!].Renewals, rows[(string)renewable["loanId"]!].Version));
        Assert.Equal((2, 3L), (rows[atLimit].Renewals, rows[atLimit].Version));
        Assert.Equal((0, 1L), (rows[overdue].Renewals, rows[overdue].Version));
        var read = await _client.ReadLoanAtVersion((string)renewable["loanId"]!, 2);
        Assert.Equal(1, (int)read["renewals"]!);

        // Again: the renewed loan may go once more, the others are refused as before.
        var again = await (await _client.PostAsync($"/api/readers/{readerId}/renewals", null)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2, (int)Assert.Single(again["renewed"]!.AsArray())!["renewals"]!);
        Assert.Equal(2, again["refused"]!.AsArray().Count);
    }

    [Fact]
    public async Task Renewing_all_answers_404_for_an_unknown_reader_and_an_empty_list_for_one_with_nothing_out()
    {
        await (await _client.PostAsync($"/api/readers/{Guid.NewGuid()}/renewals", null)).ShouldBeProblem(HttpStatusCode.NotFound, "reader.not_found");
        await (await _client.PostAsync("/api/readers/not-a-reader/renewals", null)).ShouldBeProblem(HttpStatusCode.NotFound, "reader.not_found");

        var readerId = await app.RegisterBorrower(_client);
        var nothing = await (await _client.PostAsync($"/api/readers/{readerId}/renewals", null)).ShouldBe(HttpStatusCode.OK);
        Assert.Empty(nothing["renewed"]!.AsArray());
        Assert.Empty(nothing["refused"]!.AsArray());
    }

    [Fact]
    public async Task A_reader_renews_all_of_their_own_loans_but_another_readers_id_is_unknown_to_them()
    {
        var (_, barcodes) = await _client.AddBookWithCopies(2);
        var own = await _client.RegisterReaderWithPasswordAsync();
        var other = await _client.RegisterReaderWithPasswordAsync();
        var ownId = (string)own["readerId"]!;
        var otherId = (string)other["readerId"]!;
        await app.WaitForLendingReplica(ownId, 1);
        await app.WaitForLendingReplica(otherId, 1);
        var ownLoan = (string)(await _client.Checkout(ownId, barcodes[0]))["loanId"]!;
        var otherLoan = (string)(await _client.Checkout(otherId, barcodes[1]))["loanId"]!;
        var reader = await app.CreateClient().AsReaderAsync((string)own["readerNumber"]!);

        var renewed = await (await reader.PostAsync($"/api/readers/{ownId}/renewals", null)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(ownLoan, (string)Assert.Single(renewed["renewed"]!.AsArray())!["loanId"]!);
        var byReader = (await app.PublishedEventsAbout(ownLoan)).Single(e => e.Topic == "loan.renewed");
        Assert.Equal(("reader", ownId), ((string)byReader.Value["actor"]!["role"]!, (string)byReader.Value["actor"]!["subject"]!));

        await (await reader.PostAsync($"/api/readers/{otherId}/renewals", null)).ShouldBeProblem(HttpStatusCode.NotFound, "reader.not_found");
        Assert.Equal((0, 1L), (await app.LoanRowsAsync([otherLoan])).Select(r => (r.Renewals, r.Version)).Single());

        // The desk's check-in is staff's only; so is anything without a token.
        await (await reader.PostJson("/api/checkins", new { barcode = barcodes[0] })).ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await app.CreateClient().PostAsync($"/api/readers/{ownId}/renewals", null)).ShouldBeProblem(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        Assert.Equal("active", (await app.LoanRowsAsync([ownLoan])).Single().Status);
    }

    [Fact]
    public async Task Hostile_check_ins_are_problems_with_a_code_and_never_500()
    {
        var (_, barcodes) = await _client.AddBookWithCopies(1);
        var readerId = await app.RegisterBorrower(_client);
        var loanId = (string)(await _client.Checkout(readerId, barcodes[0], Now.AddDays(-3)))["loanId"]!;

        async Task Invalid(object body, string field)
        {
            var problem = await (await CheckIn(body)).ShouldBeProblem(HttpStatusCode.BadRequest, "request.validation_failed");
            Assert.Contains(field, problem["errors"]!.AsObject().Select(e => e.Key));
        }

        await Invalid(new { }, "barcode");
        await Invalid(new { barcode = "   " }, "barcode");
        await Invalid(new { barcode = "BC\u0001" + barcodes[0] }, "barcode");
        await Invalid(new { barcode = barcodes[0] + "\n" }, "barcode");
        await Invalid(new { barcode = new string('7', 65) }, "barcode");
        await Invalid(new { barcode = barcodes[0], comment = new string('x', 1025) }, "comment");
        await Invalid(new { barcode = barcodes[0], comment = "nul\u0000here" }, "comment");
        await Invalid(new { barcode = barcodes[0], comment = "\u200B\u202E" }, "comment");

        await (await _client.SendRaw(HttpMethod.Post, "/api/checkins", "{\"barcode\": ")).ShouldBeProblem(HttpStatusCode.BadRequest, "request.malformed");
        await (await _client.SendRaw(HttpMethod.Post, "/api/checkins", "{\"barcode\": 12345}")).ShouldBeProblem(HttpStatusCode.BadRequest, "request.malformed");
        await (await _client.SendRaw(HttpMethod.Post, "/api/checkins", "{\"barcode\": \"x\", \"occurredAt\": \"yesterday\"}"))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "request.malformed");
        using (var empty = await _client.PostAsync("/api/checkins", null))
        {
            Assert.True(empty.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnsupportedMediaType, $"{(int)empty.StatusCode} for no body");
            Assert.Equal("application/problem+json", empty.ContentType()?.MediaType);
            Assert.False(string.IsNullOrEmpty((string?)(await empty.Json())["code"]));
        }

        await (await CheckIn(new { barcode = barcodes[0], occurredAt = Now.AddMinutes(5) })).ShouldBeProblem(HttpStatusCode.BadRequest, "request.occurred_at_in_future");
        await (await CheckIn(new { barcode = barcodes[0], occurredAt = Now.AddDays(-366) })).ShouldBeProblem(HttpStatusCode.BadRequest, "request.occurred_at_too_old");
        await (await CheckIn(new { barcode = barcodes[0], occurredAt = Now.AddDays(-4) })).ShouldBeProblem(HttpStatusCode.BadRequest, "loan.return_before_checkout");

        // Nothing above changed the loan; unknown fields are ignored, and a tab in the comment is free text.
        Assert.Equal(("active", 1L), (await app.LoanRowsAsync([loanId])).Select(r => (r.Status, r.Version)).Single());
        var checkedIn = await (await CheckIn(new { barcode = barcodes[0], comment = "Spine\tcracked", scanner = "desk-2" })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(loanId, (string)checkedIn["loanId"]!);
        Assert.Equal("Spine\tcracked", (string)(await _client.ReadLoanAtVersion(loanId, 2))["returnComment"]!);
    }

    private Task<HttpResponseMessage> CheckIn(object body) => _client.PostJson("/api/checkins", body);
}
