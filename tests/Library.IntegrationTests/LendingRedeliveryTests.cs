using System.Net;
using DotNetCore.CAP;
using Library.Lending.Query.Projections;
using Library.Reader.Command.Replicas;
using Library.Reader.Query.Projections;
using Npgsql;

namespace Library.IntegrationTests;

/// <summary>
/// The lending events of a real loan, published again through the real outbox, transport and inbox,
/// newest first and each twice: every consumer (Lending query and its statistics, Reader query,
/// Reader command's replica) must stay exactly where the original delivery left it.
/// </summary>
public sealed class LendingRedeliveryTests(EventHistoryAppFactory app) : IClassFixture<EventHistoryAppFactory>
{
    private static readonly string[] Groups = [LoanProjection.Group, ReaderProjection.Group, LendingObligationProjection.Group, LoanStatisticsProjection.Group];

    /// <summary>The statistics group takes only the checkout and the return.</summary>
    private const int StatisticsEvents = 2;
    private readonly HttpClient _client = app.CreateLibrarianClient();

    [Fact]
    public async Task Redelivered_and_reversed_loan_events_change_nothing()
    {
        var (isbn, barcodes) = await _client.AddBookWithCopies(1);
        var readerId = await app.RegisterBorrower(_client);
        var now = app.Clock.GetUtcNow();
        var loanId = (string)(await _client.Checkout(readerId, barcodes[0], now.AddDays(-30)))["loanId"]!;
        var fineId = (string)(await _client.Return(loanId))["fine"]!["fineId"]!;
        await (await _client.PostJson($"/api/fines/{fineId}/payments", new { amountCents = 100 })).ShouldBe(HttpStatusCode.OK);
        var before = await _client.ReadLoanAtVersion(loanId, 3);
        await app.WaitForObligationReplica(loanId, 3);
        var readerBefore = await _client.ReadReaderCounts(readerId, active: 0, overdue: 0, finesOwedCents: 650);

        var events = (await app.PublishedEventsAbout(loanId)).Where(e => e.Topic.StartsWith("loan.", StringComparison.Ordinal) || e.Topic.StartsWith("fine.", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, events.Count); // created, returned, fine assessed, fine paid
        var perRound = (events.Count * (Groups.Length - 1)) + StatisticsEvents;
        var delivered = perRound;
        await Eventually.Until(() => SucceededDeliveries(loanId), count => count == delivered, what: "the original deliveries recorded as handled");

        // Read only now: the statistics follow in a group of their own, after the loan itself.
        var statsBefore = await (await _client.GetAsync("/api/stats/loans")).ShouldBe(HttpStatusCode.OK);
        var publisher = app.Services.GetRequiredService<ICapPublisher>();
        foreach (var (topic, value) in Enumerable.Reverse(events).Concat(Enumerable.Reverse(events)))
        {
            await publisher.PublishAsync(topic, value);
        }

        await Eventually.Until(
            () => SucceededDeliveries(loanId),
            count => count == delivered + (2 * perRound),
            what: "every redelivery handled by every group");
        Assert.Equal(before.ToJsonString(), (await _client.ReadLoanAtVersion(loanId, 3)).ToJsonString());
        Assert.Equal(readerBefore!.ToJsonString(), (await (await _client.GetAsync($"/api/readers/{readerId}")).Json()).ToJsonString());
        Assert.Equal(statsBefore.ToJsonString(), (await (await _client.GetAsync("/api/stats/loans")).ShouldBe(HttpStatusCode.OK)).ToJsonString());
        var book = await (await _client.GetAsync($"/api/books/{isbn}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(1, (int)book["copiesAvailable"]!);
        await (await _client.DeleteAsync($"/api/readers/{readerId}")).ShouldBeProblem(HttpStatusCode.Conflict, "reader.owes_fines");
    }

    /// <summary>CAP's inbox records every delivery per group and whether its handler succeeded.</summary>
    private async Task<long> SucceededDeliveries(string loanId)
    {
        await using var db = new NpgsqlConnection(app.ConnectionString);
        await db.OpenAsync();
        await using var count = new NpgsqlCommand(
            """
            SELECT count(*) FROM cap.received
            WHERE split_part("Group", '.', 1) = ANY(@groups) AND "StatusName" = 'Succeeded' AND "Content" LIKE @id
            """,
            db);
        count.Parameters.AddWithValue("groups", Groups);
        count.Parameters.AddWithValue("id", $"%{loanId}%");
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
