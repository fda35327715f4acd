using System.Net;

namespace Library.IntegrationTests;

/// <summary>
/// Checkout, renewal, return, loss and fines through the development host. Overdue situations are
/// built with offline circulation (a back-dated <c>occurredAt</c>), so the shared clock never moves.
/// </summary>
public sealed class CirculationTests(LibraryAppFactory app) : IClassFixture<LibraryAppFactory>
{
    private readonly HttpClient _client = app.CreateLibrarianClient();

    private DateTimeOffset Now => app.Clock.GetUtcNow();

    [Fact]
    public async Task A_checkout_creates_a_numbered_loan_due_after_the_loan_period()
    {
        var (_, barcodes) = await _client.AddBookWithCopies(1);
        var readerId = await app.RegisterBorrower(_client);

        var response = await _client.TryCheckout(readerId, barcodes[0]);
        var loan = await response.ShouldBe(HttpStatusCode.Created);

        Assert.Matches(@"^2026/\d+$", (string)loan["loanNumber"]!);
        Assert.Equal(Now.AddDays(15), (DateTimeOffset)loan["dueDate"]!);
        Assert.Equal(1, (long)loan["version"]!);
        Assert.Equal("\"1\"", response.ETag());
        Assert.Equal($"/api/loans/{loan["loanId"]}", response.Headers.Location!.ToString());

        var read = await _client.ReadLoanAtVersion((string)loan["loanId"]!, 1);
        Assert.Equal("active", (string)read["status"]!);
        Assert.Equal(readerId, (string)read["reader"]!["readerId"]!);
        Assert.Equal("Ada Lovelace", (string)read["reader"]!["name"]!);
        Assert.Equal(barcodes[0], (string)read["barcode"]!);
        Assert.Equal("The Pragmatic Programmer", (string)read["book"]!["title"]!);
        await _client.ReadReaderCounts(readerId, active: 1, overdue: 0, finesOwedCents: 0);
    }

    [Fact]
    public async Task A_checkout_names_what_is_unknown_or_malformed()
    {
        var (_, barcodes) = await _client.AddBookWithCopies(1);
        var readerId = await app.RegisterBorrower(_client);

        await (await _client.TryCheckout(Guid.NewGuid().ToString(), barcodes[0])).ShouldBeProblem(HttpStatusCode.NotFound, "reader.not_found");
        await (await _client.TryCheckout(readerId, "NO-SUCH-COPY")).ShouldBeProblem(HttpStatusCode.NotFound, "copy.not_found");
        var problem = await (await _client.PostJson("/api/loans", new { })).ShouldBeProblem(HttpStatusCode.BadRequest, "request.validation_failed");
        Assert.Contains("readerId", problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Contains("barcode", problem["errors"]!.AsObject().Select(e => e.Key));
        await (await _client.SendRaw(HttpMethod.Post, "/api/loans", $$"""{"readerId": "not-a-guid", "barcode": "{{barcodes[0]}}"}"""))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "request.malformed");
        await (await _client.TryCheckout(readerId, barcodes[0], Now.AddMinutes(5)))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "request.occurred_at_in_future");
        await (await _client.TryCheckout(readerId, barcodes[0], Now.AddDays(-366)))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "request.occurred_at_too_old");
    }

    [Fact]
    public async Task A_copy_on_loan_is_not_available_and_a_suspended_or_erased_reader_cannot_borrow()
    {
        var (_, barcodes) = await _client.AddBookWithCopies(2);
        var borrower = await app.RegisterBorrower(_client);
        await _client.Checkout(borrower, barcodes[0]);

        var other = await app.RegisterBorrower(_client);
        await (await _client.TryCheckout(other, barcodes[0])).ShouldBeProblem(HttpStatusCode.Conflict, "copy.not_available");

        await (await _client.SendJson(HttpMethod.Put, $"/api/readers/{other}/suspension", new { reason = "Damaged books" })).ShouldBe(HttpStatusCode.OK);
        await app.WaitForLendingReplica(other, 2);
        await (await _client.TryCheckout(other, barcodes[1])).ShouldBeProblem(HttpStatusCode.Conflict, "reader.suspended");

        await (await _client.DeleteAsync($"/api/readers/{other}/suspension")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("completed", (await _client.EraseAndWait(other)).Status);
        await app.WaitForLendingReplica(other, 5);
        await (await _client.TryCheckout(other, barcodes[1])).ShouldBeProblem(HttpStatusCode.Conflict, "reader.erased");
    }

    [Fact]
    public async Task The_loan_limit_refuses_the_fourth_open_loan()
    {
        var (_, barcodes) = await _client.AddBookWithCopies(4);
        var readerId = await app.RegisterBorrower(_client);
        foreach (var barcode in barcodes[..3])
        {
            await _client.Checkout(readerId, barcode);
        }

        await (await _client.TryCheckout(readerId, barcodes[3])).ShouldBeProblem(HttpStatusCode.Conflict, "reader.loan_limit_reached");
        await _client.ReadReaderCounts(readerId, active: 3, overdue: 0, finesOwedCents: 0);
    }

    [Fact]
    public async Task An_overdue_loan_tops_the_overdue_list_with_its_accrued_fine_and_blocks_new_checkouts()
    {
        var (_, barcodes) = await _client.AddBookWithCopies(3);
        var readerId = await app.RegisterBorrower(_client);
        var otherReader = await app.RegisterBorrower(_client);

        // 40 days ago: due 25 days ago, the most overdue loan in this class by construction.
        var loan = await _client.Checkout(readerId, barcodes[0], Now.AddDays(-40));
        var loanId = (string)loan["loanId"]!;
        var slightlyLate = await _client.Checkout(otherReader, barcodes[1], Now.AddDays(-16));

        var overdue = await Eventually.Until(
            async () => await (await _client.GetAsync("/api/loans/overdue?pageSize=100")).ShouldBe(HttpStatusCode.OK),
            page => page["items"]!.AsArray().Any(l => (string)l!["loanId"]! == (string)slightlyLate["loanId"]!)
                && page["items"]!.AsArray().Any(l => (string)l!["loanId"]! == loanId),
            what: "both loans on the overdue list");
        var top = overdue["items"]![0]!;
        Assert.Equal(loanId, (string)top["loanId"]!);
        Assert.Equal("overdue", (string)top["status"]!);
        Assert.Equal(25, (int)top["daysOverdue"]!);
        Assert.Equal(25 * 50, (long)top["fine"]!["accruedCents"]!);
        var days = overdue["items"]!.AsArray().Select(l => (int)l!["daysOverdue"]!).ToList();
        Assert.Equal(days.OrderDescending(), days);

        await _client.ReadReaderCounts(readerId, active: 1, overdue: 1, finesOwedCents: 0);
        await (await _client.TryCheckout(readerId, barcodes[2])).ShouldBeProblem(HttpStatusCode.Conflict, "reader.has_overdue_loans");
        await (await _client.PostAsync($"/api/loans/{loanId}/renewal", null)).ShouldBeProblem(HttpStatusCode.Conflict, "loan.overdue");

        var overdueOnly = await (await _client.GetAsync($"/api/loans?readerId={readerId}&status=overdue")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal([loanId], overdueOnly["items"]!.AsArray().Select(l => (string)l!["loanId"]!));
        var activeOnly = await (await _client.GetAsync($"/api/loans?readerId={readerId}&status=active")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(0, (long)activeOnly["total"]!);
    }

    [Fact]
    public async Task A_late_return_assesses_a_fine_that_is_paid_in_part_and_waived()
    {
        var (_, barcodes) = await _client.AddBookWithCopies(2);
        var readerId = await app.RegisterBorrower(_client);
        var loanId = (string)(await _client.Checkout(readerId, barcodes[0], Now.AddDays(-20)))["loanId"]!;

        var returned = await _client.Return(loanId, new { comment = "Coffee stain on page 12" });
        Assert.Equal(5, (int)returned["daysOverdue"]!);
        Assert.Equal(250, (long)returned["fine"]!["amountCents"]!);
        Assert.Equal("EUR", (string)returned["fine"]!["currency"]!);
        Assert.Equal(2, (long)returned["version"]!);
        var fineId = (string)returned["fine"]!["fineId"]!;

        // Both events of the return carry the committed loan, fine included, at one version: no
        // consumer (the erasure guard above all) ever sees the loan closed without its fine.
        var events = await app.PublishedEventsAbout(loanId);
        var closing = events.Where(e => e.Topic is "loan.returned" or "fine.assessed").ToList();
        Assert.Equal(["fine.assessed", "loan.returned"], closing.Select(e => e.Topic).Order());
        Assert.All(closing, e => Assert.Equal(250, (long)e.Value["loan"]!["fine"]!["balanceCents"]!));
        Assert.All(closing, e => Assert.Equal(2, (long)e.Value["version"]!));

        await (await _client.PostJson($"/api/loans/{loanId}/return", new { })).ShouldBeProblem(HttpStatusCode.Conflict, "loan.already_returned");
        await (await _client.PostAsync($"/api/loans/{loanId}/renewal", null)).ShouldBeProblem(HttpStatusCode.Conflict, "loan.already_returned");
        await _client.ReadReaderCounts(readerId, active: 0, overdue: 0, finesOwedCents: 250);
        await (await _client.TryCheckout(readerId, barcodes[1])).ShouldBeProblem(HttpStatusCode.Conflict, "reader.owes_fines");

        await (await _client.PostJson($"/api/fines/{fineId}/payments", new { amountCents = 0 }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "request.validation_failed");
        await (await _client.PostJson($"/api/fines/{fineId}/payments", new { amountCents = 251 }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "fine.payment_exceeds_balance");
        var paid = await (await _client.PostJson($"/api/fines/{fineId}/payments", new { amountCents = 125 })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(125, (long)paid["balanceCents"]!);
        await _client.ReadReaderCounts(readerId, active: 0, overdue: 0, finesOwedCents: 125);

        await (await _client.PostJson($"/api/fines/{fineId}/waiver", new { reason = "" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "request.validation_failed");
        var waived = await (await _client.PostJson($"/api/fines/{fineId}/waiver", new { reason = "First offence" })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(0, (long)waived["balanceCents"]!);
        Assert.Equal(125, (long)waived["waivedCents"]!);
        await (await _client.PostJson($"/api/fines/{fineId}/payments", new { amountCents = 1 })).ShouldBeProblem(HttpStatusCode.Conflict, "fine.settled");
        await (await _client.PostJson($"/api/fines/{fineId}/waiver", new { reason = "again" })).ShouldBeProblem(HttpStatusCode.Conflict, "fine.settled");
        await (await _client.PostJson($"/api/fines/{Guid.NewGuid()}/payments", new { amountCents = 1 })).ShouldBeProblem(HttpStatusCode.NotFound, "fine.not_found");
        await (await _client.PostJson("/api/fines/not-a-fine/waiver", new { reason = "x" })).ShouldBeProblem(HttpStatusCode.NotFound, "fine.not_found");

        var read = await _client.ReadLoanAtVersion(loanId, 4);
        Assert.Equal("returned", (string)read["status"]!);
        Assert.Equal("Coffee stain on page 12", (string)read["returnComment"]!);
        Assert.Equal(250, (long)read["fine"]!["assessedCents"]!);
        Assert.Equal(125, (long)read["fine"]!["paidCents"]!);
        Assert.Equal(125, (long)read["fine"]!["waivedCents"]!);
        Assert.Equal(0, (long)read["fine"]!["balanceCents"]!);
        await _client.ReadReaderCounts(readerId, active: 0, overdue: 0, finesOwedCents: 0);
        await _client.Checkout(readerId, barcodes[1]);
    }

    [Fact]
    public async Task A_return_on_time_has_no_fine_and_offline_returns_are_bounded_by_the_checkout()
    {
        var (_, barcodes) = await _client.AddBookWithCopies(1);
        var readerId = await app.RegisterBorrower(_client);
        var loanId = (string)(await _client.Checkout(readerId, barcodes[0], Now.AddDays(-3)))["loanId"]!;

        await (await _client.PostJson($"/api/loans/{loanId}/return", new { occurredAt = Now.AddDays(-4) }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "loan.return_before_checkout");
        await (await _client.PostJson($"/api/loans/{loanId}/return", new { comment = new string('x', 1025) }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "request.validation_failed");

        var returned = await _client.Return(loanId, new { occurredAt = Now.AddDays(-1) });
        Assert.Null(returned["fine"]);
        Assert.Equal(0, (int)returned["daysOverdue"]!);
        Assert.Equal(Now.AddDays(-1), (DateTimeOffset)returned["returnedAt"]!);

        await (await _client.PostJson($"/api/loans/{Guid.NewGuid()}/return", new { })).ShouldBeProblem(HttpStatusCode.NotFound, "loan.not_found");
        await (await _client.PostJson("/api/loans/not-a-loan/return", new { })).ShouldBeProblem(HttpStatusCode.NotFound, "loan.not_found");
    }

    [Fact]
    public async Task A_loan_is_renewed_up_to_the_limit_honouring_if_match()
    {
        var (_, barcodes) = await _client.AddBookWithCopies(1);
        var readerId = await app.RegisterBorrower(_client);
        var loan = await _client.Checkout(readerId, barcodes[0]);
        var loanId = (string)loan["loanId"]!;
        var due = (DateTimeOffset)loan["dueDate"]!;

        await (await _client.SendJson(HttpMethod.Post, $"/api/loans/{loanId}/renewal", null, ifMatch: "\"5\""))
            .ShouldBeProblem(HttpStatusCode.PreconditionFailed, "request.version_mismatch");
        var first = await (await _client.SendJson(HttpMethod.Post, $"/api/loans/{loanId}/renewal", null, ifMatch: "\"1\"")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(due.AddDays(15), (DateTimeOffset)first["dueDate"]!);
        Assert.Equal(1, (int)first["renewals"]!);
        var second = await (await _client.PostAsync($"/api/loans/{loanId}/renewal", null)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(due.AddDays(30), (DateTimeOffset)second["dueDate"]!);

        await (await _client.PostAsync($"/api/loans/{loanId}/renewal", null)).ShouldBeProblem(HttpStatusCode.Conflict, "loan.renewal_limit_reached");
        await (await _client.PostAsync($"/api/loans/{Guid.NewGuid()}/renewal", null)).ShouldBeProblem(HttpStatusCode.NotFound, "loan.not_found");
        await (await _client.PostAsync("/api/loans/nope/lost", null)).ShouldBeProblem(HttpStatusCode.NotFound, "loan.not_found");
        var read = await _client.ReadLoanAtVersion(loanId, 3);
        Assert.Equal(2, (int)read["renewals"]!);
        Assert.Equal(due.AddDays(30), (DateTimeOffset)read["dueDate"]!);
    }

    [Fact]
    public async Task A_lost_loan_loses_the_copy_and_charges_the_fee_plus_the_overdue_fine()
    {
        var (isbn, barcodes) = await _client.AddBookWithCopies(1);
        var readerId = await app.RegisterBorrower(_client);
        var loanId = (string)(await _client.Checkout(readerId, barcodes[0], Now.AddDays(-17)))["loanId"]!;

        var lost = await (await _client.PostAsync($"/api/loans/{loanId}/lost", null)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2500 + 100, (long)lost["fine"]!["amountCents"]!);
        await (await _client.PostAsync($"/api/loans/{loanId}/lost", null)).ShouldBeProblem(HttpStatusCode.Conflict, "loan.lost");
        await (await _client.PostJson($"/api/loans/{loanId}/return", new { })).ShouldBeProblem(HttpStatusCode.Conflict, "loan.lost");
        await (await _client.TryCheckout(readerId, barcodes[0])).ShouldBeProblem(HttpStatusCode.Conflict, "reader.owes_fines");

        var read = await _client.ReadLoanAtVersion(loanId, 2);
        Assert.Equal("lost", (string)read["status"]!);
        Assert.Equal(2600, (long)read["fine"]!["balanceCents"]!);
        await _client.ReadReaderCounts(readerId, active: 0, overdue: 0, finesOwedCents: 2600);
        await Eventually.Until(
            () => _client.GetFound($"/api/books/{isbn}"),
            book => book is not null && (int?)book["copiesTotal"] == 0 && (string?)book["copies"]![0]!["status"] == "lost",
            what: "the lost copy");
    }

    [Fact]
    public async Task Loans_are_filtered_by_reader_book_status_and_checkout_date()
    {
        var (isbn, barcodes) = await _client.AddBookWithCopies(2);
        var readerId = await app.RegisterBorrower(_client);
        var old = (string)(await _client.Checkout(readerId, barcodes[0], Now.AddDays(-60)))["loanId"]!;
        await _client.Return(old, new { occurredAt = Now.AddDays(-50) });
        var recent = (string)(await _client.Checkout(readerId, barcodes[1]))["loanId"]!;
        await _client.ReadLoanAtVersion(recent, 1);
        await _client.ReadLoanAtVersion(old, 2);

        var all = await (await _client.GetAsync($"/api/loans?readerId={readerId}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal([recent, old], all["items"]!.AsArray().Select(l => (string)l!["loanId"]!));
        var returned = await (await _client.GetAsync($"/api/loans?isbn={isbn}&status=returned")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal([old], returned["items"]!.AsArray().Select(l => (string)l!["loanId"]!));
        var from = Now.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var to = Now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var window = await (await _client.GetAsync($"/api/loans?readerId={readerId}&from={from}&to={to}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal([recent], window["items"]!.AsArray().Select(l => (string)l!["loanId"]!));
        var paged = await (await _client.GetAsync($"/api/loans?readerId={readerId}&page=2&pageSize=1")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal([old], paged["items"]!.AsArray().Select(l => (string)l!["loanId"]!));
        Assert.Equal(2, (long)paged["total"]!);

        await (await _client.GetAsync("/api/loans?status=late")).ShouldBeProblem(HttpStatusCode.BadRequest, "request.validation_failed");
        await (await _client.GetAsync("/api/loans?readerId=nope")).ShouldBeProblem(HttpStatusCode.BadRequest, "request.validation_failed");
        await (await _client.GetAsync("/api/loans?from=2026-03-10&to=2026-03-01")).ShouldBeProblem(HttpStatusCode.BadRequest, "request.validation_failed");
        await (await _client.GetAsync("/api/loans?from=yesterday")).ShouldBeProblem(HttpStatusCode.BadRequest, "request.malformed");
        await (await _client.GetAsync($"/api/loans/{Guid.NewGuid()}")).ShouldBeProblem(HttpStatusCode.NotFound, "loan.not_found");
    }

    [Fact]
    public async Task Erasure_waits_for_loans_to_be_returned_and_fines_settled_then_anonymises_the_loans()
    {
        var (_, barcodes) = await _client.AddBookWithCopies(1);
        var readerId = await app.RegisterBorrower(_client);
        var loanId = (string)(await _client.Checkout(readerId, barcodes[0], Now.AddDays(-16)))["loanId"]!;

        // The guard reads the Reader service's own replica, which follows the loan events.
        await app.WaitForObligationReplica(loanId, 1);
        await (await _client.DeleteAsync($"/api/readers/{readerId}")).ShouldBeProblem(HttpStatusCode.Conflict, "reader.has_open_loans");

        var fineId = (string)(await _client.Return(loanId))["fine"]!["fineId"]!;
        await app.WaitForObligationReplica(loanId, 2);
        await (await _client.DeleteAsync($"/api/readers/{readerId}")).ShouldBeProblem(HttpStatusCode.Conflict, "reader.owes_fines");

        await (await _client.PostJson($"/api/fines/{fineId}/payments", new { amountCents = 50 })).ShouldBe(HttpStatusCode.OK);
        await app.WaitForObligationReplica(loanId, 3);
        Assert.Equal("completed", (await _client.EraseAndWait(readerId)).Status);

        var loan = await Eventually.Until(
            () => _client.GetFound($"/api/loans/{loanId}"),
            l => l is not null && (string?)l["reader"]!["name"] == "Erased reader",
            what: "the loan's reader anonymised");
        Assert.Equal(readerId, (string)loan!["reader"]!["readerId"]!);
    }
}
