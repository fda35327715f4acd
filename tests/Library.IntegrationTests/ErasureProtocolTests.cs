using System.Net;
using DotNetCore.CAP;
using Library.BuildingBlocks.Contracts;
using Library.Lending.Contracts;
using Library.Reader.Contracts;
using Npgsql;

namespace Library.IntegrationTests;

/// <summary>
/// Erasure across services (docs/adr/0002-erasure-protocol.md): the Reader service asks, the Lending
/// service decides from its own loans under the reader's lock, the Reader service completes or refuses.
/// Before it, a checkout and an erasure sent together both succeeded in 10 of 10 rounds, leaving an
/// erased, unreachable reader with a book out.
/// </summary>
public sealed class ErasureProtocolTests(LibraryAppFactory app) : IClassFixture<LibraryAppFactory>
{
    private const int Rounds = 20;

    private readonly HttpClient _client = app.CreateLibrarianClient();

    [Fact]
    public async Task A_checkout_and_an_erasure_of_one_reader_sent_together_never_strand_a_loan()
    {
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var round = 0; round < Rounds; round++)
        {
            var readerId = await app.RegisterBorrower(_client);
            var (_, barcodes) = await _client.AddBookWithCopies(1);

            // The checkout starts 0 to 45 ms after the erasure, so some rounds reach the Lending service
            // after the erasure's question has (the hold branch) and some before it (the loan branch):
            // without a head start the checkout won all 20 rounds. A spread of start times, not a wait.
            var headStart = TimeSpan.FromMilliseconds(round % 10 * 5);
            var answers = await Desks.AtOnce(
                async () =>
                {
                    await Task.Delay(headStart);
                    return await _client.TryCheckout(readerId, barcodes[0]);
                },
                () => _client.DeleteAsync($"/api/readers/{readerId}"));
            var (checkout, erasure) = (answers[0], answers[1]);
            var ended = erasure.Status == HttpStatusCode.Accepted
                ? await _client.ErasureEndedAsync(readerId, (string)erasure.Body["requestId"]!)
                : (Status: erasure.Status == HttpStatusCode.OK ? "completed" : "refused", Code: (string?)erasure.Body["code"]);

            if (checkout.Status == HttpStatusCode.Created)
            {
                Assert.Equal(("refused", "reader.has_open_loans"), ended);
            }
            else
            {
                Assert.Equal(HttpStatusCode.Conflict, checkout.Status);
                Assert.Contains((string?)checkout.Body["code"], new[] { "reader.erasure_pending", "reader.erased" });
                Assert.Equal("completed", ended.Status);
            }

            var outcome = $"checkout {(int)checkout.Status} {(string?)checkout.Body["code"]}, erasure {(int)erasure.Status} then {ended.Status}";
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            await AssertNoErasedReaderOwesAsync(readerId);
        }

        TestContext.Current.TestOutputHelper!.WriteLine("checkout || erasure outcomes: " + string.Join("; ", outcomes.Select(o => $"{o.Key} x{o.Value}")));
    }

    [Fact]
    public async Task The_lending_service_refuses_an_erasure_its_own_loans_forbid_even_when_the_readers_replica_allows_it()
    {
        var readerId = await app.RegisterBorrower(_client);
        var (_, barcodes) = await _client.AddBookWithCopies(1);
        var loanId = (string)(await _client.Checkout(readerId, barcodes[0]))["loanId"]!;
        await app.WaitForObligationReplica(loanId, 1);

        // As if loan.created had not reached the Reader service yet.
        await ExecuteAsync("DELETE FROM reader.lending_obligations WHERE reader_id = @id", readerId);

        var refused = await _client.EraseAndWait(readerId);
        Assert.Equal((HttpStatusCode.Accepted, "refused", "reader.has_open_loans"), (refused.FirstAnswer, refused.Status, refused.Code));
        var reader = await _client.ReadReaderAtVersion(readerId, 3);
        Assert.Equal(("active", "Ada Lovelace"), ((string)reader["status"]!, (string)reader["name"]!));
        Assert.Equal(("refused", "reader.has_open_loans"), ((string?)reader["erasure"]!["status"], (string?)reader["erasure"]!["code"]));

        // Refused means nothing changed for Lending either: the reader may still return and borrow.
        await _client.Return(loanId);
        await app.WaitForObligationReplica(loanId, 2);
        var completed = await _client.EraseAndWait(readerId);
        Assert.Equal((HttpStatusCode.Accepted, "completed"), (completed.FirstAnswer, completed.Status));
        await AssertNoErasedReaderOwesAsync(readerId);
    }

    [Fact]
    public async Task A_reader_cleared_for_erasure_cannot_borrow_and_a_redelivered_request_is_answered_the_same_way()
    {
        var readerId = await app.RegisterBorrower(_client);
        var (_, barcodes) = await _client.AddBookWithCopies(1);

        // A request the Reader service never made: Lending clears it and holds the reader, the Reader
        // service finds nothing pending for that request id and changes nothing.
        var requestId = Guid.NewGuid();
        var snapshot = new ReaderSnapshot(
            "2026/0", "Ada Lovelace", null, null, null, true, false, false, [], ReaderStatuses.Active, null, LibraryAppFactory.Start,
            new ReaderErasureSnapshot(requestId, ErasureStatuses.Pending, null, LibraryAppFactory.Start, Actor.System("erasure-test")),
            null);
        var request = new ReaderErasureRequested(Guid.NewGuid(), LibraryAppFactory.Start, Actor.System("erasure-test"), Guid.Parse(readerId), 1, snapshot);
        var publisher = app.Services.GetRequiredService<ICapPublisher>();
        await publisher.PublishAsync(ReaderTopics.ErasureRequested, request);
        await publisher.PublishAsync(ReaderTopics.ErasureRequested, request);

        var answers = await Eventually.Until(() => AnswersAsync(requestId), found => found.Count == 2, what: "two answers to the request delivered twice");
        Assert.All(answers, cleared => Assert.True(cleared));
        await (await _client.TryCheckout(readerId, barcodes[0])).ShouldBeProblem(HttpStatusCode.Conflict, "reader.erasure_pending");

        var reader = await (await _client.GetAsync($"/api/readers/{readerId}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal((1, "active"), ((long)reader["version"]!, (string)reader["status"]!));
        await (await _client.GetAsync($"/api/readers/{readerId}/erasure")).ShouldBeProblem(HttpStatusCode.NotFound, "erasure.not_found");
    }

    /// <summary>Both command stores and the read side: an erased reader has no open loan and owes nothing.</summary>
    private async Task AssertNoErasedReaderOwesAsync(string readerId)
    {
        await using var db = new NpgsqlConnection(app.ConnectionString);
        await db.OpenAsync();
        await using var query = new NpgsqlCommand(
            """
            SELECT r.status,
                   (SELECT COUNT(*) FROM lending.loans l WHERE l.reader_id = r.id AND l.status = 'Active'),
                   (SELECT COALESCE(SUM(l.fine_late_fee_cents + l.fine_lost_fee_cents - l.fine_paid_cents - l.fine_waived_cents), 0)::bigint
                    FROM lending.loans l WHERE l.reader_id = r.id AND l.fine_id IS NOT NULL)
            FROM reader.readers r WHERE r.id = @id
            """,
            db);
        query.Parameters.AddWithValue("id", Guid.Parse(readerId));
        await using var row = await query.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        var (status, open, owed) = (row.GetString(0), row.GetInt64(1), row.GetInt64(2));
        Assert.False(status == "Erased" && (open > 0 || owed > 0), $"Reader {readerId} is erased with {open} open loan(s) and {owed} cents owed.");

        var read = await Eventually.Until(
            () => _client.GetFound($"/api/readers/{readerId}"),
            r => r is not null && (string?)r["status"] == (status == "Erased" ? "erased" : "active") && (int?)r["activeLoans"] == open,
            what: $"reader {readerId} on the query side as on the command side");
        Assert.False((string?)read!["status"] == "erased" && (int)read["activeLoans"]! > 0);
    }

    private async Task<List<bool>> AnswersAsync(Guid requestId)
    {
        await using var db = new NpgsqlConnection(app.ConnectionString);
        await db.OpenAsync();
        await using var query = new NpgsqlCommand("""SELECT "Content" FROM cap.published WHERE "Name" = @topic AND "Content" LIKE @id""", db);
        query.Parameters.AddWithValue("topic", LendingTopics.ErasureChecked);
        query.Parameters.AddWithValue("id", $"%{requestId}%");
        var answers = new List<bool>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            answers.Add((bool)System.Text.Json.Nodes.JsonNode.Parse(reader.GetString(0))!["value"]!["cleared"]!);
        }

        return answers;
    }

    private async Task ExecuteAsync(string sql, string readerId)
    {
        await using var db = new NpgsqlConnection(app.ConnectionString);
        await db.OpenAsync();
#pragma warning disable CA2100 // The tests' own statements.
        await using var command = new NpgsqlCommand(sql, db);
#pragma warning restore CA2100
        command.Parameters.AddWithValue("id", Guid.Parse(readerId));
        await command.ExecuteNonQueryAsync();
    }
}
