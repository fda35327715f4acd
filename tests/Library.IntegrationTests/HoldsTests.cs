using System.Globalization;
using System.Net;
using Library.IntegrationTests.Auth;
using Npgsql;

namespace Library.IntegrationTests;

/// <summary>
/// Spec section 6, holds (ADR 0030), through the HTTP API of the development host: placement and its refusals,
/// the trap at a check-in, the holder's checkout, cancelling, expiry on the service's own timer (driven by the
/// fake clock), and the races the spec names, each checked against the command store and the events.
/// </summary>
public sealed class HoldsTests(LibraryAppFactory app) : IClassFixture<LibraryAppFactory>
{
    private readonly HttpClient _desk = app.CreateLibrarianClient();

    private DateTimeOffset Now => app.Clock.GetUtcNow();

    [Fact]
    public async Task A_hold_waits_its_turn_traps_the_returned_copy_and_is_fulfilled_by_the_holders_checkout()
    {
        var (isbn, barcodes) = await _desk.AddBookWithCopies(1);
        var borrower = await app.RegisterBorrower(_desk);
        var first = await app.RegisterBorrower(_desk);
        var second = await app.RegisterBorrower(_desk);
        var loanId = (string)(await _desk.Checkout(borrower, barcodes[0]))["loanId"]!;

        var placed = await (await _desk.PostJson("/api/holds", new { readerId = first, isbn })).ShouldBe(HttpStatusCode.Created);
        Assert.Equal(1, (int)placed["position"]!);
        Assert.Equal("waiting", (string)placed["status"]!);
        var firstHold = (string)placed["holdId"]!;
        var secondHold = (string)(await (await _desk.PostJson("/api/holds", new { readerId = second, isbn })).ShouldBe(HttpStatusCode.Created))["holdId"]!;
        Assert.Equal(2, (int)(await HoldRow(secondHold)).Position);

        // One hold or loan of a title per reader; the borrower cannot renew while others wait.
        await (await _desk.PostJson("/api/holds", new { readerId = first, isbn })).ShouldBeProblem(HttpStatusCode.Conflict, "hold.already_held");
        await (await _desk.PostJson("/api/holds", new { readerId = borrower, isbn })).ShouldBeProblem(HttpStatusCode.Conflict, "hold.already_held");
        await (await _desk.PostJson($"/api/loans/{loanId}/renewal", new { })).ShouldBeProblem(HttpStatusCode.Conflict, "loan.title_on_hold");

        // The check-in traps the copy for the first in the queue, until the pickup date.
        var returned = await _desk.Return(loanId);
        Assert.Equal("hold_shelf", (string)returned["routeTo"]!);
        Assert.Equal(firstHold, (string)returned["hold"]!["holdId"]!);
        Assert.Equal(first, (string)returned["hold"]!["readerId"]!);
        var pickupBy = DateTimeOffset.Parse((string)returned["hold"]!["pickupBy"]!, CultureInfo.InvariantCulture);
        Assert.Equal(Now.AddDays(7), pickupBy);
        Assert.Equal(("Ready", barcodes[0]), ((await HoldRow(firstHold)).Status, (await HoldRow(firstHold)).Barcode));
        Assert.Equal("OnHoldShelf", await CopyStatus(barcodes[0]));

        // Only that reader may take it.
        await (await _desk.TryCheckout(second, barcodes[0])).ShouldBeProblem(HttpStatusCode.Conflict, "copy.on_hold");
        var loan = await _desk.Checkout(first, barcodes[0]);
        var holdRow = await HoldRow(firstHold);
        Assert.Equal(("Fulfilled", (string)loan["loanId"]!), (holdRow.Status, holdRow.LoanId));
        Assert.Equal("OnLoan", await CopyStatus(barcodes[0]));

        var events = (await app.PublishedEventsAbout(firstHold)).Select(e => e.Topic).ToList();
        Assert.Equal(["hold.placed", "hold.ready", "hold.fulfilled"], events);
        var ready = (await app.PublishedEventsAbout(firstHold)).Single(e => e.Topic == "hold.ready").Value;
        Assert.Equal("on_hold_shelf", (string)ready["copy"]!["status"]!);
        Assert.Equal(2, (long)ready["version"]!);

        // The next return goes to the second reader; their cancel sends the copy back to the shelf.
        Assert.Equal(1, (await HoldRow(secondHold)).Position);
        var again = await _desk.Return((string)loan["loanId"]!);
        Assert.Equal(secondHold, (string)again["hold"]!["holdId"]!);
        var cancelled = await (await _desk.SendJson(HttpMethod.Delete, $"/api/holds/{secondHold}", null)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(("cancelled", "shelf"), ((string)cancelled["status"]!, (string)cancelled["releasedTo"]!));
        Assert.Equal("Available", await CopyStatus(barcodes[0]));
        await (await _desk.SendJson(HttpMethod.Delete, $"/api/holds/{secondHold}", null)).ShouldBeProblem(HttpStatusCode.Conflict, "hold.closed");
        await _desk.Checkout(borrower, barcodes[0]);
    }

    [Fact]
    public async Task An_uncollected_hold_expires_by_itself_and_the_copy_goes_to_the_next_reader_then_the_shelf()
    {
        var (isbn, barcodes) = await _desk.AddBookWithCopies(1);
        var borrower = await app.RegisterBorrower(_desk);
        var first = await app.RegisterBorrower(_desk);
        var second = await app.RegisterBorrower(_desk);
        var loanId = (string)(await _desk.Checkout(borrower, barcodes[0]))["loanId"]!;
        var firstHold = await PlaceHold(first, isbn);
        var secondHold = await PlaceHold(second, isbn);
        Assert.Equal(firstHold, (string)(await _desk.Return(loanId))["hold"]!["holdId"]!);

        // No request: the service's timer runs on the fake clock, and a pickup date a week away is passed.
        app.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        await Eventually.Until(() => HoldRow(secondHold), h => h.Status == "Ready", what: "the copy trapped for the second hold after the first expired");
        Assert.Equal("Expired", (await HoldRow(firstHold)).Status);
        var expired = (await app.PublishedEventsAbout(firstHold)).Single(e => e.Topic == "hold.expired").Value;
        Assert.Equal("system", (string)expired["actor"]!["role"]!);
        Assert.Equal("on_hold_shelf", (string)expired["copy"]!["status"]!);
        await ReadSideAgrees(isbn, firstHold, secondHold);

        app.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        await Eventually.Until(() => HoldRow(secondHold), h => h.Status == "Expired", what: "the second hold expired");
        Assert.Equal("Available", await CopyStatus(barcodes[0]));
        await _desk.Checkout(borrower, barcodes[0]);
    }

    [Fact]
    public async Task An_offline_check_in_counts_the_pickup_days_from_when_the_copy_came_back()
    {
        var (isbn, barcodes) = await _desk.AddBookWithCopies(1);
        var loanId = (string)(await _desk.Checkout(await app.RegisterBorrower(_desk), barcodes[0], Now.AddDays(-20)))["loanId"]!;
        var hold = await PlaceHold(await app.RegisterBorrower(_desk), isbn);

        // Checked in 8 days ago at a desk that was offline: the pickup date (check-in + 7 days) was yesterday.
        var returnedAt = Now.AddDays(-8);
        var returned = await _desk.Return(loanId, new { occurredAt = returnedAt });
        Assert.Equal(returnedAt.AddDays(7), DateTimeOffset.Parse((string)returned["hold"]!["pickupBy"]!, CultureInfo.InvariantCulture));

        // The next tick of the expiry timer finds it past its date.
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        await Eventually.Until(() => HoldRow(hold), h => h.Status == "Expired", what: "the hold expired at the next sweep");
        Assert.Equal("Available", await CopyStatus(barcodes[0]));
    }

    [Fact]
    public async Task Two_check_ins_of_a_titles_copies_with_one_waiting_hold_trap_exactly_one()
    {
        for (var round = 0; round < 5; round++)
        {
            var (isbn, barcodes) = await _desk.AddBookWithCopies(2);
            var loans = new List<string>();
            foreach (var barcode in barcodes)
            {
                loans.Add((string)(await _desk.Checkout(await app.RegisterBorrower(_desk), barcode))["loanId"]!);
            }

            var hold = await PlaceHold(await app.RegisterBorrower(_desk), isbn);
            var answers = await Desks.AtOnce(
                () => _desk.PostJson($"/api/loans/{loans[0]}/return", new { }),
                () => _desk.PostJson($"/api/loans/{loans[1]}/return", new { }));
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
            Assert.Equal(["hold_shelf", "shelf"], answers.Select(a => (string)a.Body["routeTo"]!).Order(StringComparer.Ordinal));

            var row = await HoldRow(hold);
            var trapped = answers.Single(a => (string)a.Body["routeTo"]! == "hold_shelf");
            Assert.Equal(hold, (string)trapped.Body["hold"]!["holdId"]!);
            Assert.Equal("Ready", row.Status);
            Assert.Equal(["Available", "OnHoldShelf"], (await Task.WhenAll(barcodes.Select(CopyStatus))).Order(StringComparer.Ordinal));
            Assert.Single(await app.PublishedEventsAbout(hold), e => e.Topic == "hold.ready");
            await ReadSideAgrees(isbn, hold);
        }
    }

    [Fact]
    public async Task A_hold_placed_while_the_last_copy_is_returned_is_trapped_or_waits_never_lost()
    {
        for (var round = 0; round < 6; round++)
        {
            var (isbn, barcodes) = await _desk.AddBookWithCopies(1);
            var loanId = (string)(await _desk.Checkout(await app.RegisterBorrower(_desk), barcodes[0]))["loanId"]!;
            var reader = await app.RegisterBorrower(_desk);
            var answers = await Desks.AtOnce(
                () => _desk.PostJson($"/api/loans/{loanId}/return", new { }),
                () => _desk.PostJson("/api/holds", new { readerId = reader, isbn }));
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Created], answers.Select(a => a.Status));

            var row = await HoldRow((string)answers[1].Body["holdId"]!);
            var copy = await CopyStatus(barcodes[0]);
            if ((string)answers[0].Body["routeTo"]! == "hold_shelf")
            {
                Assert.Equal(("Ready", "OnHoldShelf"), (row.Status, copy));
            }
            else
            {
                // Returned first: the copy is on the shelf and the hold waits for the next one (the reader may take it now).
                Assert.Equal(("Waiting", "Available"), (row.Status, copy));
                await _desk.Checkout(reader, barcodes[0]);
                Assert.Equal("Fulfilled", (await HoldRow((string)answers[1].Body["holdId"]!)).Status);
            }

            await ReadSideAgrees(isbn, (string)answers[1].Body["holdId"]!);
        }
    }

    [Fact]
    public async Task A_checkout_by_another_reader_racing_the_trap_loses()
    {
        for (var round = 0; round < 6; round++)
        {
            var (isbn, barcodes) = await _desk.AddBookWithCopies(1);
            var loanId = (string)(await _desk.Checkout(await app.RegisterBorrower(_desk), barcodes[0]))["loanId"]!;
            var holder = await app.RegisterBorrower(_desk);
            var hold = await PlaceHold(holder, isbn);
            var other = await app.RegisterBorrower(_desk);
            var answers = await Desks.AtOnce(
                () => _desk.PostJson($"/api/loans/{loanId}/return", new { }),
                () => _desk.TryCheckout(other, barcodes[0]));
            Assert.Equal(HttpStatusCode.OK, answers[0].Status);
            Assert.Equal(HttpStatusCode.Conflict, answers[1].Status);
            Assert.Contains((string)answers[1].Body["code"]!, new[] { "copy.not_available", "copy.on_hold" });
            Assert.Equal(("Ready", "OnHoldShelf"), ((await HoldRow(hold)).Status, await CopyStatus(barcodes[0])));
            await ReadSideAgrees(isbn, hold);
        }
    }

    [Fact]
    public async Task Two_desks_placing_the_same_hold_at_once_make_one()
    {
        var (isbn, barcodes) = await _desk.AddBookWithCopies(1);
        await _desk.Checkout(await app.RegisterBorrower(_desk), barcodes[0]);
        var reader = await app.RegisterBorrower(_desk);
        var answers = await Desks.AtOnce(
            () => _desk.PostJson("/api/holds", new { readerId = reader, isbn }),
            () => _desk.PostJson("/api/holds", new { readerId = reader, isbn }));
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], answers.Select(a => a.Status).Order());
        Assert.Equal("hold.already_held", (string)answers.Single(a => a.Status == HttpStatusCode.Conflict).Body["code"]!);
        Assert.Equal(1, await CountRows("SELECT count(*) FROM lending.holds WHERE reader_id = @id", Guid.Parse(reader)));
        await ReadSideAgrees(isbn, (string)answers.Single(a => a.Status == HttpStatusCode.Created).Body["holdId"]!);
    }

    [Fact]
    public async Task Placement_is_refused_for_the_readers_standing_the_limit_and_hostile_input()
    {
        var (isbn, _) = await _desk.AddBookWithCopies(1);
        await (await _desk.PostJson("/api/holds", new { readerId = Guid.NewGuid(), isbn })).ShouldBeProblem(HttpStatusCode.NotFound, "reader.not_found");
        var reader = await app.RegisterBorrower(_desk);
        await (await _desk.PostJson("/api/holds", new { readerId = reader, isbn = "9780000000002" })).ShouldBeProblem(HttpStatusCode.NotFound, "book.not_found");
        await (await _desk.PostJson("/api/holds", new { readerId = reader, isbn = "97800000000" })).ShouldBeProblem(HttpStatusCode.BadRequest, "request.validation_failed");
        await (await _desk.PostJson("/api/holds", new { isbn })).ShouldBeProblem(HttpStatusCode.BadRequest, "request.validation_failed");
        await (await _desk.SendRaw(HttpMethod.Post, "/api/holds", "{\"readerId\": 12, \"isbn\": \"x\"}")).ShouldBeProblem(HttpStatusCode.BadRequest, "request.malformed");
        await (await _desk.SendJson(HttpMethod.Delete, "/api/holds/not-a-guid", null)).ShouldBeProblem(HttpStatusCode.NotFound, "hold.not_found");
        await (await _desk.SendJson(HttpMethod.Delete, $"/api/holds/{Guid.NewGuid()}", null)).ShouldBeProblem(HttpStatusCode.NotFound, "hold.not_found");
        await (await app.CreateClient().PostJson("/api/holds", new { readerId = reader, isbn })).ShouldBeProblem(HttpStatusCode.Unauthorized, "auth.unauthenticated");

        // The policy's limit of five live holds.
        for (var i = 0; i < 5; i++)
        {
            await PlaceHold(reader, (await _desk.AddBookWithCopies(1)).Isbn);
        }

        await (await _desk.PostJson("/api/holds", new { readerId = reader, isbn })).ShouldBeProblem(HttpStatusCode.Conflict, "hold.limit_reached");

        // A suspended reader may not place one (a checkout refusal that concerns the reader).
        var suspended = await app.RegisterBorrower(_desk);
        var suspension = await _desk.SendJson(HttpMethod.Put, $"/api/readers/{suspended}/suspension", new { reason = "Lost card" }, "\"1\"");
        await suspension.ShouldBe(HttpStatusCode.OK);
        await app.WaitForLendingReplica(suspended, 2);
        await (await _desk.PostJson("/api/holds", new { readerId = suspended, isbn })).ShouldBeProblem(HttpStatusCode.Conflict, "reader.suspended");
    }

    [Fact]
    public async Task A_reader_places_and_cancels_their_own_holds_only()
    {
        var (isbn, barcodes) = await _desk.AddBookWithCopies(1);
        await _desk.Checkout(await app.RegisterBorrower(_desk), barcodes[0]);
        var me = await _desk.RegisterReaderWithPasswordAsync();
        var other = await _desk.RegisterReaderWithPasswordAsync();
        var myId = (string)me["readerId"]!;
        var otherId = (string)other["readerId"]!;
        await app.WaitForLendingReplica(myId, 1);
        await app.WaitForLendingReplica(otherId, 1);
        var asMe = await app.CreateClient().AsReaderAsync((string)me["readerNumber"]!);

        await (await asMe.PostJson("/api/holds", new { readerId = otherId, isbn })).ShouldBeProblem(HttpStatusCode.NotFound, "reader.not_found");
        var mine = (string)(await (await asMe.PostJson("/api/holds", new { readerId = myId, isbn })).ShouldBe(HttpStatusCode.Created))["holdId"]!;
        var theirs = await PlaceHold(otherId, isbn);

        await (await asMe.SendJson(HttpMethod.Delete, $"/api/holds/{theirs}", null, "\"1\"")).ShouldBeProblem(HttpStatusCode.NotFound, "hold.not_found");
        Assert.Equal("Waiting", (await HoldRow(theirs)).Status);
        await (await asMe.SendJson(HttpMethod.Delete, $"/api/holds/{mine}", null, "\"2\"")).ShouldBeProblem(HttpStatusCode.PreconditionFailed, "request.version_mismatch");
        var cancelled = await (await asMe.SendJson(HttpMethod.Delete, $"/api/holds/{mine}", null, "\"1\"")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2, (long)cancelled["version"]!);
        Assert.Null(cancelled["releasedTo"]?.GetValue<string>());
        var events = await app.PublishedEventsAbout(mine);
        Assert.Equal("reader", (string)events.Single(e => e.Topic == "hold.cancelled").Value["actor"]!["role"]!);
        Assert.Equal(1, (await HoldRow(theirs)).Position);
    }

    [Fact]
    public async Task An_erased_readers_holds_are_cancelled_and_a_trapped_copy_goes_to_the_next_reader()
    {
        var (isbn, barcodes) = await _desk.AddBookWithCopies(1);
        var loanId = (string)(await _desk.Checkout(await app.RegisterBorrower(_desk), barcodes[0]))["loanId"]!;
        var leaving = await app.RegisterBorrower(_desk);
        var next = await app.RegisterBorrower(_desk);
        var leavingHold = await PlaceHold(leaving, isbn);
        var nextHold = await PlaceHold(next, isbn);
        Assert.Equal(leavingHold, (string)(await _desk.Return(loanId))["hold"]!["holdId"]!);

        var erased = await _desk.EraseAndWait(leaving);
        Assert.Equal("completed", erased.Status);
        await Eventually.Until(() => HoldRow(nextHold), h => h.Status == "Ready", what: "the erased reader's trapped copy passed to the next hold");
        Assert.Equal("Cancelled", (await HoldRow(leavingHold)).Status);
        var cancelled = (await app.PublishedEventsAbout(leavingHold)).Single(e => e.Topic == "hold.cancelled").Value;
        Assert.Equal("system", (string)cancelled["actor"]!["role"]!);
        await ReadSideAgrees(isbn, nextHold);
    }

    [Fact]
    public async Task The_lending_policy_carries_the_hold_terms()
    {
        var admin = app.CreateAdminClient();
        var policy = await (await admin.GetAsync("/api/lending-policy")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal((7, 5), ((int)policy["holdPickupDays"]!, (int)policy["maxHolds"]!));

        // A bad value is a 400 with the field; an older client's PUT without them leaves them as they are.
        var version = $"\"{(long)policy["version"]!}\"";
        var form = policy.DeepClone().AsObject();
        form["maxHolds"] = 101;
        var problem = await (await admin.SendJson(HttpMethod.Put, "/api/lending-policy", form, version)).ShouldBeProblem(HttpStatusCode.BadRequest, "request.validation_failed");
        Assert.NotNull(problem["errors"]!["maxHolds"]);
        form.Remove("holdPickupDays");
        form.Remove("maxHolds");
        var unchanged = await (await admin.SendJson(HttpMethod.Put, "/api/lending-policy", form, version)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(((long)policy["version"]!, 7, 5), ((long)unchanged["version"]!, (int)unchanged["holdPickupDays"]!, (int)unchanged["maxHolds"]!));
    }

    /// <summary>
    /// Waits until every read model agrees with the command store about a title's holds: each hold's status and
    /// queue position on the Lending query side, the book's waiting holds and available copies, and each holder's
    /// waiting and ready counts on the Reader query side.
    /// </summary>
    private async Task ReadSideAgrees(string isbn, params string[] holdIds)
    {
        foreach (var holdId in holdIds)
        {
            var row = await HoldRow(holdId);
            var status = row.Status.ToLowerInvariant();
            var hold = await Eventually.Until(
                () => _desk.GetFound($"/api/holds/{holdId}"),
                h => h is not null && (string)h["status"]! == status,
                what: $"hold {holdId} {status} on the query side");
            Assert.Equal(status == "waiting" ? row.Position : null, (long?)hold!["position"]);
            var readerId = (string)hold["readerId"]!;
            var (waiting, ready) = (
                await CountRows("SELECT count(*) FROM lending.holds WHERE reader_id = @id AND status = 'Waiting'", Guid.Parse(readerId)),
                await CountRows("SELECT count(*) FROM lending.holds WHERE reader_id = @id AND status = 'Ready'", Guid.Parse(readerId)));
            await Eventually.Until(
                () => _desk.GetFound($"/api/readers/{readerId}"),
                r => r is not null && (long)r["holdsWaiting"]! == waiting && (long)r["holdsReady"]! == ready,
                what: $"reader {readerId} with {waiting} waiting and {ready} ready holds");
        }

        await using var db = new NpgsqlConnection(app.ConnectionString);
        await db.OpenAsync();
        await using var query = new NpgsqlCommand(
            """
            SELECT (SELECT count(*) FROM lending.holds WHERE isbn = @isbn AND status = 'Waiting'),
                   (SELECT count(*) FROM lending.copies WHERE isbn = @isbn AND status = 'Available')
            """,
            db);
        query.Parameters.AddWithValue("isbn", isbn);
        await using var counts = await query.ExecuteReaderAsync();
        await counts.ReadAsync();
        var (holdsWaiting, available) = (counts.GetInt64(0), counts.GetInt64(1));
        await Eventually.Until(
            () => _desk.GetFound($"/api/books/{isbn}"),
            b => b is not null && (long)b["holdsWaiting"]! == holdsWaiting && (long)b["copiesAvailable"]! == available,
            what: $"book {isbn} with {holdsWaiting} waiting holds and {available} copies available");
    }

    private async Task<string> PlaceHold(string readerId, string isbn) =>
        (string)(await (await _desk.PostJson("/api/holds", new { readerId, isbn })).ShouldBe(HttpStatusCode.Created))["holdId"]!;

    private sealed record Row(string Status, string? Barcode, string? LoanId, long Position);

    /// <summary>The hold as the command store has it, with its position computed as the query side does.</summary>
    private async Task<Row> HoldRow(string holdId)
    {
        await using var db = new NpgsqlConnection(app.ConnectionString);
        await db.OpenAsync();
        await using var query = new NpgsqlCommand(
            """
            SELECT h.status, h.barcode, h.loan_id::text,
                   (SELECT count(*) FROM lending.holds w WHERE w.isbn = h.isbn AND w.status = 'Waiting' AND w.queue_number <= h.queue_number)
            FROM lending.holds h WHERE h.id = @id
            """,
            db);
        query.Parameters.AddWithValue("id", Guid.Parse(holdId));
        await using var reader = await query.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"hold {holdId} is not in the command store");
        return new Row(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt64(3));
    }

    private async Task<string> CopyStatus(string barcode)
    {
        await using var db = new NpgsqlConnection(app.ConnectionString);
        await db.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT status FROM lending.copies WHERE barcode = @barcode", db);
        query.Parameters.AddWithValue("barcode", barcode);
        return (string)(await query.ExecuteScalarAsync())!;
    }

    private async Task<long> CountRows(string sql, Guid id)
    {
        await using var db = new NpgsqlConnection(app.ConnectionString);
        await db.OpenAsync();
        await using var query = new NpgsqlCommand(sql, db);
        query.Parameters.AddWithValue("id", id);
        return (long)(await query.ExecuteScalarAsync())!;
    }
}
