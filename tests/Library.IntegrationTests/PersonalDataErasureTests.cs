using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Library.BuildingBlocks.ReadStore;
using Npgsql;

namespace Library.IntegrationTests;

/// <summary>
/// The spec's promise after an erasure: within one minute no store of the system holds the reader's
/// name, e-mail, phone, birth date or interests in readable form (docs/adr/0003). Searched for, case
/// insensitively: every row of every table of the database (both command stores, CAP's outbox and
/// inbox), every document of every read store, every line the host logged at Information, and the
/// PostgreSQL server log. Run with the production retention and purge. Before: the old values stayed in
/// 8 outbox and 24 inbox rows for an hour, in a return comment forever, and in the server log.
/// </summary>
public sealed class PersonalDataErasureTests(InformationLogsAppFactory app) : IClassFixture<InformationLogsAppFactory>
{
    private static readonly TimeSpan Promise = TimeSpan.FromMinutes(1);

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly HttpClient _client = app.CreateLibrarianClient();

    [Fact]
    public async Task An_erased_readers_old_values_are_nowhere_readable_a_minute_later()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var name = $"Quirinus Zelda {tag}";
        var email = $"quirinus.{tag}@example.org";
        var phone = "+48" + Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var interest = $"ornithology {tag}";
        const string BirthDate = "1931-02-17";
        var registration = ReaderScenario.ValidRegistration(email);
        registration["name"] = name;
        registration["phoneNumber"] = phone;
        registration["birthDate"] = BirthDate;
        registration["interests"] = new[] { interest };
        var readerId = (string)(await _client.Register(registration))["readerId"]!;

        // A second registration with the same e-mail: the unique violation PostgreSQL reports and logs.
        await (await _client.PostJson("/api/readers", registration)).ShouldBeProblem(HttpStatusCode.Conflict, "reader.email_taken");
        await (await _client.SendJson(HttpMethod.Patch, $"/api/readers/{readerId}", new { interests = new[] { interest, "birds" } }, "\"1\""))
            .ShouldBe(HttpStatusCode.OK);
        await app.WaitForLendingReplica(readerId, 2);

        // Free text naming the reader, on their own loan: a return comment and a waiver reason.
        var (_, barcodes) = await _client.AddBookWithCopies(1);
        var loanId = (string)(await _client.Checkout(readerId, barcodes[0], app.Clock.GetUtcNow().AddDays(-20)))["loanId"]!;
        var fineId = (string)(await _client.Return(loanId, new { comment = $"Returned by {name}, wet" }))["fine"]!["fineId"]!;
        await (await _client.PostJson($"/api/fines/{fineId}/waiver", new { reason = $"{name} had the flu" })).ShouldBe(HttpStatusCode.OK);
        await app.WaitForObligationReplica(loanId, 3);
        string[] values = [name, email, phone, BirthDate, interest];
        Assert.NotEmpty(await TracesAsync(values));

        Assert.Equal("completed", (await _client.EraseAndWait(readerId)).Status);
        var erased = Stopwatch.StartNew();
        var left = await Eventually.Until(
            async () => string.Join("; ", await TracesAsync(values)), traces => traces.Length == 0, Promise, "no trace of the erased reader");
        TestContext.Current.TestOutputHelper!.WriteLine($"Nothing readable left {erased.Elapsed.TotalSeconds:0.0} s after the erasure completed.");
        Assert.Empty(left);

        var loan = await (await _client.GetAsync($"/api/loans/{loanId}")).ShouldBe(HttpStatusCode.OK);
        Assert.Null(loan["returnComment"]);
        Assert.Equal("Erased reader", (string)loan["reader"]!["name"]!);
    }

    /// <summary>Where any of <paramref name="values"/> can still be read; empty when nowhere.</summary>
    private async Task<List<string>> TracesAsync(string[] values)
    {
        var traces = new List<string>();

        // Also as JSON writes them by default ("+48…" becomes "\u002B48…"): still readable, just escaped.
        var lowered = values.Concat(values.Select(v => JsonSerializer.Serialize(v)[1..^1]))
            .Select(v => v.ToLowerInvariant()).Distinct().ToArray();

        await using (var db = new NpgsqlConnection(app.ConnectionString))
        {
            await db.OpenAsync();
            var tables = new List<string>();
            await using (var list = new NpgsqlCommand(
                "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')",
                db))
            await using (var rows = await list.ExecuteReaderAsync())
            {
                while (await rows.ReadAsync())
                {
                    tables.Add(rows.GetString(0));
                }
            }

            Assert.Contains("cap.published", tables);
            foreach (var table in tables)
            {
#pragma warning disable CA2100 // Table names come from the catalogue, quoted.
                await using var count = new NpgsqlCommand($"SELECT COUNT(*) FROM {table} AS t WHERE lower(t::text) LIKE ANY(@patterns)", db);
#pragma warning restore CA2100
                count.Parameters.AddWithValue("patterns", lowered.Select(v => $"%{v}%").ToArray());
                if ((long)(await count.ExecuteScalarAsync())! is > 0 and var found)
                {
                    traces.Add($"{found} row(s) of {table}");
                }
            }
        }

        foreach (var (type, documents) in await AllDocumentsAsync())
        {
            var hits = documents.Count(document => lowered.Any(document.Contains));
            if (hits > 0)
            {
                traces.Add($"{hits} {type} document(s)");
            }
        }

        var logged = app.Logs.Lines.Count(line => lowered.Any(line.ToLowerInvariant().Contains));
        if (logged > 0)
        {
            traces.Add($"{logged} line(s) of the host's log");
        }

        var serverLog = Path.Combine(Repository.Root, ".data", "postgres.log");
        if (File.Exists(serverLog))
        {
            await using var stream = new FileStream(serverLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var text = (await new StreamReader(stream).ReadToEndAsync()).ToLowerInvariant();
            if (lowered.FirstOrDefault(text.Contains) is { } value)
            {
                traces.Add($"PostgreSQL's server log (\"{value}\")");
            }
        }

        return traces;
    }

    /// <summary>Every document of every read store the host registered, as JSON, lower-cased.</summary>
    private async Task<List<(string Type, List<string> Documents)>> AllDocumentsAsync()
    {
        var documentTypes = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name?.StartsWith("Library.", StringComparison.Ordinal) == true)
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IReadDocument).IsAssignableFrom(t))
            .ToList();
        var found = new List<(string, List<string>)>();
        foreach (var type in documentTypes)
        {
            if (app.Services.GetService(typeof(IReadStore<>).MakeGenericType(type)) is not { } store)
            {
                continue;
            }

            var find = store.GetType().GetMethod(nameof(IReadStore<IReadDocument>.FindAsync))!;
            var task = (Task)find.Invoke(store, [new ReadQuery(ReadFilter.All, Take: 1_000_000), CancellationToken.None])!;
            await task;
            var documents = (System.Collections.IEnumerable)task.GetType().GetProperty("Result")!.GetValue(task)!;
            found.Add((type.Name, documents.Cast<object>().Select(d => JsonSerializer.Serialize(d, type, Relaxed).ToLowerInvariant()).ToList()));
        }

        Assert.Contains(found, f => f.Item1 == "ReaderDocument");
        Assert.Contains(found, f => f.Item1 == "LoanDocument");
        return found;
    }
}
