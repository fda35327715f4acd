using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Npgsql;

namespace Library.IntegrationTests;

/// <summary>Books, copies, readers the Lending service knows, and loans, with valid defaults.</summary>
public static class LendingScenario
{
    private static int _sequence = Random.Shared.Next(100_000, 900_000);

    /// <summary>A fresh, valid ISBN-13 (978 prefix, correct check digit).</summary>
    public static string NextIsbn()
    {
        var body = "978" + (Interlocked.Increment(ref _sequence) % 1_000_000_000).ToString("D9", CultureInfo.InvariantCulture);
        var sum = body.Select((c, i) => (c - '0') * (i % 2 == 0 ? 1 : 3)).Sum();
        return body + ((10 - (sum % 10)) % 10).ToString(CultureInfo.InvariantCulture);
    }

    public static string NextBarcode() => "BC-" + Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture);

    public static async Task<string> AddBook(this HttpClient client, string? title = null, string[]? authors = null, string? genre = "Software")
    {
        var isbn = NextIsbn();
        var response = await client.PostJson("/api/books", new
        {
            isbn,
            title = title ?? "The Pragmatic Programmer",
            authors = authors ?? ["David Thomas", "Andrew Hunt"],
            genre,
        });
        await response.ShouldBe(HttpStatusCode.Created);
        return isbn;
    }

    public static async Task<string> AddCopy(this HttpClient client, string isbn)
    {
        var barcode = NextBarcode();
        await (await client.PostJson($"/api/books/{isbn}/copies", new { barcode })).ShouldBe(HttpStatusCode.Created);
        return barcode;
    }

    /// <summary>A book with <paramref name="copies"/> copies; returns the ISBN and the barcodes.</summary>
    public static async Task<(string Isbn, string[] Barcodes)> AddBookWithCopies(this HttpClient client, int copies)
    {
        var isbn = await client.AddBook();
        var barcodes = new string[copies];
        for (var i = 0; i < copies; i++)
        {
            barcodes[i] = await client.AddCopy(isbn);
        }

        return (isbn, barcodes);
    }

    /// <summary>Registers a reader and waits until the Lending service's replica knows them at that version.</summary>
    public static async Task<string> RegisterBorrower(this LibraryAppFactory app, HttpClient client)
    {
        var readerId = (string)(await client.Register())["readerId"]!;
        await app.WaitForLendingReplica(readerId, 1);
        return readerId;
    }

    public static Task WaitForLendingReplica(this LibraryAppFactory app, string readerId, long version) =>
        app.WaitForRowVersion("lending.reader_eligibility", "reader_id", readerId, version);

    /// <summary>Waits until the Reader command service's erasure-guard replica holds the loan at that version.</summary>
    public static Task WaitForObligationReplica(this LibraryAppFactory app, string loanId, long version) =>
        app.WaitForRowVersion("reader.lending_obligations", "source_id", loanId, version);

    /// <summary>The integration events in the outbox that mention <paramref name="aggregateId"/>, in order.</summary>
    public static async Task<List<(string Topic, JsonObject Value)>> PublishedEventsAbout(this LibraryAppFactory app, string aggregateId)
    {
        await using var db = new NpgsqlConnection(app.ConnectionString);
        await db.OpenAsync();
        await using var query = new NpgsqlCommand("""SELECT "Name", "Content" FROM cap.published WHERE "Content" LIKE @id ORDER BY "Id" """, db);
        query.Parameters.AddWithValue("id", $"%{aggregateId}%");
        var events = new List<(string, JsonObject)>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            events.Add((reader.GetString(0), JsonNode.Parse(reader.GetString(1))!["value"]!.AsObject()));
        }

        return events;
    }

    private static Task<long> WaitForRowVersion(this LibraryAppFactory app, string table, string key, string id, long version) =>
        Eventually.Until(
            async () =>
            {
                await using var db = new NpgsqlConnection(app.ConnectionString);
                await db.OpenAsync();
                await using var query = new NpgsqlCommand($"SELECT version FROM {table} WHERE {key} = @id", db);
                query.Parameters.AddWithValue("id", Guid.Parse(id));
                return await query.ExecuteScalarAsync() as long? ?? 0;
            },
            replicated => replicated >= version,
            what: $"{id} at version {version} in {table}");

    public static Task<HttpResponseMessage> TryCheckout(this HttpClient client, string readerId, string barcode, DateTimeOffset? occurredAt = null) =>
        client.PostJson("/api/loans", occurredAt is { } at
            ? new { readerId, barcode, occurredAt = (DateTimeOffset?)at }
            : new { readerId, barcode, occurredAt = (DateTimeOffset?)null });

    public static async Task<JsonObject> Checkout(this HttpClient client, string readerId, string barcode, DateTimeOffset? occurredAt = null) =>
        await (await client.TryCheckout(readerId, barcode, occurredAt)).ShouldBe(HttpStatusCode.Created);

    public static async Task<JsonObject> Return(this HttpClient client, string loanId, object? body = null) =>
        await (await client.PostJson($"/api/loans/{loanId}/return", body ?? new { })).ShouldBe(HttpStatusCode.OK);

    /// <summary>Reads a loan from the query side once it reflects at least <paramref name="version"/>.</summary>
    public static Task<JsonObject> ReadLoanAtVersion(this HttpClient client, string loanId, long version) =>
        Eventually.Until(
            () => client.GetFound($"/api/loans/{loanId}"),
            loan => loan is not null && (long)loan["version"]! >= version,
            what: $"loan {loanId} at version {version} on the query side")!;

    /// <summary>Reads a hold from the query side once it reflects at least <paramref name="version"/>.</summary>
    public static Task<JsonObject> ReadHoldAtVersion(this HttpClient client, string holdId, long version) =>
        Eventually.Until(
            () => client.GetFound($"/api/holds/{holdId}"),
            hold => hold is not null && (long)hold["version"]! >= version,
            what: $"hold {holdId} at version {version} on the query side")!;

    /// <summary>Waits until the reader's details show the given loan counts.</summary>
    public static Task<JsonObject?> ReadReaderCounts(this HttpClient client, string readerId, int active, int overdue, long finesOwedCents) =>
        Eventually.Until(
            () => client.GetFound($"/api/readers/{readerId}"),
            reader => reader is not null && (int)reader["activeLoans"]! == active && (int)reader["overdueLoans"]! == overdue && (long)reader["finesOwedCents"]! == finesOwedCents,
            what: $"reader {readerId} with {active} active, {overdue} overdue loans and {finesOwedCents} cents owed");
}
