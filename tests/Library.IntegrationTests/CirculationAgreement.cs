using System.Net;
using System.Text.Json.Nodes;
using Library.Lending.Contracts;
using Npgsql;

namespace Library.IntegrationTests;

/// <summary>A loan as the Lending command store holds it, fine columns included.</summary>
public sealed record LoanRow(
    string Id,
    long Version,
    string ReaderId,
    string Status,
    int Renewals,
    DateTimeOffset DueDate,
    DateTimeOffset CheckedOutAt,
    DateTimeOffset? ReturnedAt,
    string? FineId,
    long Assessed,
    long Paid,
    long Waived)
{
    public long FineBalance => Assessed - Paid - Waived;
}

/// <summary>
/// What "the command store, the events and every read model agree" means, in one place, for the race
/// tests and the model test: the loan rows are the truth; every event published about a loan carries a
/// state that follows from the one before (each payment and waiver applied to the balance left by the
/// previous change), the newest event is the row; and the loan read model, the reader's details and the
/// Reader service's erasure-guard replica all show the same numbers.
/// </summary>
public static class CirculationAgreement
{
    public static async Task<List<LoanRow>> LoanRowsAsync(this LibraryAppFactory app, IReadOnlyCollection<string> loanIds)
    {
        await using var db = new NpgsqlConnection(app.ConnectionString);
        await db.OpenAsync();
        await using var query = new NpgsqlCommand(
            """
            SELECT id, version, reader_id, status, renewals, due_date, checked_out_at, returned_at, fine_id,
                   COALESCE(fine_late_fee_cents + fine_lost_fee_cents, 0), COALESCE(fine_paid_cents, 0), COALESCE(fine_waived_cents, 0)
            FROM lending.loans WHERE id = ANY(@ids)
            """,
            db);
        query.Parameters.AddWithValue("ids", loanIds.Select(Guid.Parse).ToArray());
        var rows = new List<LoanRow>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new LoanRow(
                reader.GetGuid(0).ToString(),
                reader.GetInt64(1),
                reader.GetGuid(2).ToString(),
                reader.GetString(3).ToLowerInvariant(),
                reader.GetInt32(4),
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetGuid(8).ToString(),
                reader.GetInt64(9),
                reader.GetInt64(10),
                reader.GetInt64(11)));
        }

        Assert.Equal(loanIds.Count, rows.Count);
        return rows;
    }

    /// <summary>
    /// Asserts the money invariants on the command rows and that the events about each loan form a
    /// chain ending in the row, then waits (with a deadline) for every read model to show the rows.
    /// </summary>
    public static async Task AssertAgreeAsync(this LibraryAppFactory app, HttpClient client, IReadOnlyCollection<string> loanIds)
    {
        var rows = await app.LoanRowsAsync(loanIds);
        foreach (var row in rows)
        {
            Assert.True(row.Paid >= 0 && row.Waived >= 0 && row.FineBalance >= 0, $"Loan {row.Id}: paid {row.Paid} + waived {row.Waived} of {row.Assessed}.");
            await AssertEventChainAsync(app, row);
        }

        foreach (var row in rows)
        {
            var read = await client.ReadLoanAtVersion(row.Id, row.Version);
            Assert.Equal(row.Version, (long)read["version"]!);
            Assert.Equal(row.Renewals, (int)read["renewals"]!);
            Assert.Equal(row.DueDate, (DateTimeOffset)read["dueDate"]!);
            if (row.FineId is not null)
            {
                var fine = read["fine"]!;
                Assert.Equal((row.Assessed, row.Paid, row.Waived, row.FineBalance), ((long)fine["assessedCents"]!, (long)fine["paidCents"]!, (long)fine["waivedCents"]!, (long)fine["balanceCents"]!));

                // Each payment is in the history, with who took it: the history adds up to what was paid.
                var payments = fine["payments"]!.AsArray();
                Assert.Equal(row.Paid, payments.Sum(p => (long)p!["amountCents"]!));
                Assert.All(payments, p => Assert.False(string.IsNullOrEmpty((string?)p!["paidBy"]?["subject"])));
                Assert.Equal(row.Waived > 0, read["fine"]!["waiver"] is not null);
            }
        }

        var now = app.Clock.GetUtcNow();
        foreach (var reader in rows.GroupBy(r => r.ReaderId))
        {
            var open = reader.Where(r => r.Status == LoanStatuses.Active).ToList();
            var owed = reader.Sum(r => r.FineBalance);
            await client.ReadReaderCounts(reader.Key, open.Count, open.Count(r => now > r.DueDate), owed);
            await Eventually.Until(
                () => app.ObligationsOfAsync(reader.Key),
                replica => replica == (open.Count, owed),
                what: $"the erasure guard's replica of reader {reader.Key} with {open.Count} open loans and {owed} cents owed");
        }
    }

    /// <summary>Open loans and cents owed as the Reader command service's erasure guard sees them.</summary>
    public static async Task<(long OpenLoans, long OwedCents)> ObligationsOfAsync(this LibraryAppFactory app, string readerId)
    {
        await using var db = new NpgsqlConnection(app.ConnectionString);
        await db.OpenAsync();
        await using var query = new NpgsqlCommand(
            "SELECT COUNT(*) FILTER (WHERE is_open_loan), COALESCE(SUM(owed_cents), 0)::bigint FROM reader.lending_obligations WHERE reader_id = @id", db);
        query.Parameters.AddWithValue("id", Guid.Parse(readerId));
        await using var reader = await query.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static async Task AssertEventChainAsync(LibraryAppFactory app, LoanRow row)
    {
        var events = (await app.PublishedEventsAbout(row.Id))
            .Where(e => e.Topic.StartsWith("loan.", StringComparison.Ordinal) || e.Topic.StartsWith("fine.", StringComparison.Ordinal))
            .Where(e => (string?)e.Value["loanId"] == row.Id)
            .OrderBy(e => (long)e.Value["version"]!) // stable: a closing event stays before its fine.assessed
            .ToList();
        Assert.NotEmpty(events);
        long previousVersion = 0;
        long paid = 0, waived = 0;
        foreach (var (topic, value) in events)
        {
            var version = (long)value["version"]!;
            Assert.False(string.IsNullOrEmpty((string?)value["actor"]?["subject"]), $"Loan {row.Id}: {topic} v{version} says nobody made it.");

            // A closing change publishes fine.assessed beside its loan event, with the same version.
            var expected = topic == LendingTopics.FineAssessed ? previousVersion : previousVersion + 1;
            Assert.True(version == expected, $"Loan {row.Id}: {topic} at version {version} after version {previousVersion}.");
            previousVersion = version;
            var fine = value["loan"]!["fine"];
            if (topic == LendingTopics.FinePaid)
            {
                paid += (long)value["amountCents"]!;
            }
            else if (topic == LendingTopics.FineWaived)
            {
                waived += (long)value["amountCents"]!;
            }

            if (fine is not null)
            {
                Assert.True(
                    (long)fine["paidCents"]! == paid && (long)fine["waivedCents"]! == waived && (long)fine["balanceCents"]! >= 0,
                    $"Loan {row.Id}: {topic} v{version} carries paid {fine["paidCents"]}, waived {fine["waivedCents"]}, balance {fine["balanceCents"]}; the changes before it add up to paid {paid}, waived {waived}.");
            }
        }

        Assert.Equal(row.Version, previousVersion);
        Assert.Equal((row.Paid, row.Waived), (paid, waived));
        var last = events[^1].Value["loan"]!;
        Assert.Equal(row.Status, (string)last["status"]!);
        Assert.Equal(row.Renewals, (int)last["renewals"]!);
    }

    /// <summary>Reads the response bodies of requests fired together, so a failing assertion can show them all.</summary>
    public static async Task<List<(HttpStatusCode Status, JsonObject Body)>> BodiesAsync(this IEnumerable<HttpResponseMessage> responses)
    {
        var bodies = new List<(HttpStatusCode, JsonObject)>();
        foreach (var response in responses)
        {
            var text = await response.Content.ReadAsStringAsync();
            bodies.Add((response.StatusCode, text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject()));
        }

        return bodies;
    }
}
