using System.Net;
using DotNetCore.CAP;
using Library.BuildingBlocks.Contracts;
using Library.Reader.Contracts;
using Npgsql;

namespace Library.IntegrationTests;

/// <summary>
/// At-least-once delivery means duplicates and reordering: events published straight into the real
/// outbox, newest first and each twice, must leave the read model at the newest state.
/// </summary>
public sealed class ReaderProjectionDeliveryTests(EventHistoryAppFactory app) : IClassFixture<EventHistoryAppFactory>
{
    private readonly HttpClient _client = app.CreateLibrarianClient();

    [Fact]
    public async Task Events_delivered_twice_and_in_reverse_order_leave_the_newest_state()
    {
        var readerId = Guid.NewGuid();
        var at = LibraryAppFactory.Start;
        var number = $"2026/{Interlocked.Increment(ref _readerNumber)}";
        var registered = Snapshot("Jan Kowalski", "active", null, number);
        var updated = Snapshot("Jan Nowak", "active", null, number);
        var suspended = Snapshot("Jan Nowak", "suspended", "Damaged a book", number);
        var events = new (string Topic, object Message)[]
        {
            (ReaderTopics.Suspended, new ReaderSuspended(Guid.NewGuid(), at.AddMinutes(2), Desk, readerId, 3, "Damaged a book", suspended)),
            (ReaderTopics.Updated, new ReaderUpdated(Guid.NewGuid(), at.AddMinutes(1), Desk, readerId, 2, updated, ["name"])),
            (ReaderTopics.Registered, new ReaderRegistered(Guid.NewGuid(), at, Desk, readerId, 1, registered)),
        };

        var publisher = app.Services.GetRequiredService<ICapPublisher>();
        foreach (var (topic, message) in events.Concat(events))
        {
            await publisher.PublishAsync(topic, message);
        }

        await Eventually.Until(() => SucceededDeliveries(readerId), count => count == 6, what: "all six deliveries handled");
        var reader = await (await _client.GetAsync($"/api/readers/{readerId}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(3, (long)reader["version"]!);
        Assert.Equal("Jan Nowak", (string)reader["name"]!);
        Assert.Equal("suspended", (string)reader["status"]!);
        Assert.Equal("Damaged a book", (string)reader["suspensionReason"]!);
    }

    [Fact]
    public async Task An_erasure_that_arrives_before_the_registration_is_not_undone_by_it()
    {
        var readerId = Guid.NewGuid();
        var number = $"2026/{Interlocked.Increment(ref _readerNumber)}";
        var publisher = app.Services.GetRequiredService<ICapPublisher>();
        await publisher.PublishAsync(ReaderTopics.Erased, new ReaderErased(
            Guid.NewGuid(), LibraryAppFactory.Start, Desk, readerId, 2, Snapshot("Erased reader", "erased", null, number) with { Email = null }));
        await publisher.PublishAsync(ReaderTopics.Registered, new ReaderRegistered(
            Guid.NewGuid(), LibraryAppFactory.Start, Desk, readerId, 1, Snapshot("Personal Name", "active", null, number)));

        await Eventually.Until(() => SucceededDeliveries(readerId), count => count == 2, what: "both deliveries handled");
        var reader = await (await _client.GetAsync($"/api/readers/{readerId}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("erased", (string)reader["status"]!);
        Assert.Equal("Erased reader", (string)reader["name"]!);
        Assert.Null(reader["email"]);
    }

    private static readonly Actor Desk = new("librarian-1", "librarian");

    private static int _readerNumber = 900;

    private static ReaderSnapshot Snapshot(string name, string status, string? reason, string? number = null) => new(
        number ?? $"2026/{Interlocked.Increment(ref _readerNumber)}", name, "jan@example.org", null, new DateOnly(1980, 5, 1), true, false, false, [], status, reason, LibraryAppFactory.Start, null, null);

    /// <summary>CAP's inbox records every delivery to the reader-query group and whether its handler succeeded.</summary>
    private async Task<long> SucceededDeliveries(Guid readerId)
    {
        await using var db = new NpgsqlConnection(app.ConnectionString);
        await db.OpenAsync();
        await using var count = new NpgsqlCommand(
            """SELECT count(*) FROM cap.received WHERE "Group" LIKE 'reader-query%' AND "StatusName" = 'Succeeded' AND "Content" LIKE @id""", db);
        count.Parameters.AddWithValue("id", $"%{readerId}%");
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
