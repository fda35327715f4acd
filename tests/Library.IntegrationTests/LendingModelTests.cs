using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using FsCheck;
using FsCheck.Fluent;
using Library.BuildingBlocks.Privacy;
using Library.BuildingBlocks.ReadStore;
using Library.BuildingBlocks.ReadStore.Sqlite;
using Library.Lending.Command.Holds.Expiry;
using Library.Lending.Contracts;
using Library.Lending.Query.Projections;
using Library.Lending.Query.ReadModel;
using Library.Reader.Contracts;
using Library.Reader.Query.Projections;
using Library.Reader.Query.ReadModel;
using Npgsql;

namespace Library.IntegrationTests;

/// <summary>
/// Random sequences of reader and lending commands through the development host, in random groups of
/// one to three that are sent at the same instant (so FsCheck draws interleavings, not only orders).
/// After each sequence: the money invariants and the event chain of every loan hold; every read model
/// must equal what the command stores imply once the events are delivered; and the events the
/// sequence published, each delivered twice, shuffled and concurrently into fresh stores, must produce
/// exactly the same documents as the in-order delivery did.
/// </summary>
public sealed class LendingModelTests(EventHistoryAppFactory app) : IClassFixture<EventHistoryAppFactory>
{
    private static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly HttpClient _client = app.CreateLibrarianClient();
    private readonly HttpClient _admin = app.CreateAdminClient();

    public enum Action
    {
        Checkout,
        BackdatedCheckout,
        Return,
        Renew,
        Lost,
        Pay,
        Waive,
        Suspend,
        Reactivate,
        Rename,
        Erase,
        PlaceHold,
        CancelHold,
        BackdatedReturn,
        SweepHolds,
        CloseDay,
        ReopenDay,
        ChangeCategory,
    }

    /// <summary>How often each action is drawn: circulation most, the calendar and categories now and then.</summary>
    private static readonly (int Weight, Action Action)[] Weights =
    [
        (4, Action.Checkout), (2, Action.BackdatedCheckout), (3, Action.Return), (2, Action.Renew), (1, Action.Lost),
        (2, Action.Pay), (1, Action.Waive), (1, Action.Suspend), (1, Action.Reactivate), (1, Action.Rename), (1, Action.Erase),
        (3, Action.PlaceHold), (1, Action.CancelHold), (2, Action.BackdatedReturn), (2, Action.SweepHolds),
        (1, Action.CloseDay), (1, Action.ReopenDay), (1, Action.ChangeCategory),
    ];

    private static readonly string[] Categories = ["adult", "child", "staff"];

    /// <summary>One command; a step with <see cref="WithNext"/> is sent at the same instant as the step after it.</summary>
    public sealed record Step(Action Action, int Target, int Amount, bool WithNext);

    [Fact]
    public void Read_models_follow_the_command_stores_under_concurrent_commands_and_duplicated_shuffled_delivery()
    {
        var step = Gen.Frequency(Weights.Select(w => (w.Weight, Gen.Constant(w.Action))).ToArray())
            .SelectMany(action => Gen.Choose(0, 50).SelectMany(target => Gen.Choose(1, 400).SelectMany(amount =>
                Gen.Frequency((2, Gen.Constant(false)), (1, Gen.Constant(true))).Select(withNext => new Step(action, target, amount, withNext)))));
        var sequences = Gen.Choose(4, 20).SelectMany(length => Gen.ArrayOf(step, length)).ToArbitrary();
        var property = Prop.ForAll(sequences, steps => RunAsync(steps).GetAwaiter().GetResult());
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(20).WithQuietOnSuccess(true), property);
    }

    /// <summary>Cuts the sequence into the groups sent together: at most three commands at once.</summary>
    private static List<Step[]> Groups(Step[] steps)
    {
        var groups = new List<Step[]>();
        var current = new List<Step>();
        foreach (var step in steps)
        {
            current.Add(step);
            if (!step.WithNext || current.Count == 3)
            {
                groups.Add([.. current]);
                current.Clear();
            }
        }

        if (current.Count > 0)
        {
            groups.Add([.. current]);
        }

        return groups;
    }

    private DateTimeOffset Now => app.Clock.GetUtcNow();

    private async Task<bool> RunAsync(Step[] steps)
    {
        var mark = await ScalarAsync<long>("""SELECT COALESCE(MAX("Id"), 0) FROM cap.published""");
        var (isbn, barcodes) = await _client.AddBookWithCopies(3);
        string[] readers = [await app.RegisterBorrower(_client), await app.RegisterBorrower(_client), await app.RegisterBorrower(_client)];
        var readerVersions = readers.ToDictionary(r => r, _ => 1L);
        var loans = new List<string>();
        var fines = new List<string>();
        var holds = new List<string>();
        var state = new World(isbn, barcodes, readers, readerVersions, loans, fines, holds);

        foreach (var group in Groups(steps))
        {
            // Targets are chosen from the state before the group, as two desks would see it.
            var requests = group.Select(step => Request(step, state)).ToList();
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var sent = requests.Select(async request => request is null ? null : await WhenOpen(gate.Task, request)).ToList();
            gate.SetResult();
            var responses = await Task.WhenAll(sent);

            for (var i = 0; i < group.Length; i++)
            {
                var (action, target, _, _) = group[i];
                var response = responses[i];
                if (response is null)
                {
                    continue;
                }

                Assert.True((int)response.StatusCode < 500, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                if (!response.IsSuccessStatusCode)
                {
                    continue;
                }

                var body = await response.Json();
                if (action is Action.Suspend or Action.Reactivate or Action.Rename or Action.Erase or Action.ChangeCategory)
                {
                    var reader = readers[target % readers.Length];
                    readerVersions[reader] = Math.Max(readerVersions[reader], (long)body["version"]!);
                }
                else if (action is Action.Checkout or Action.BackdatedCheckout)
                {
                    loans.Add((string)body["loanId"]!);
                }
                else if (action is Action.PlaceHold)
                {
                    holds.Add((string)body["holdId"]!);
                }
                else if (body["fine"] is JsonObject assessed)
                {
                    fines.Add((string)assessed["fineId"]!);
                }
            }
        }

        // Erasure may take a moment; once the services agree, no reader may be erased with a loan out or a fine owed.
        var readerIds = string.Join(",", readers.Select(r => $"'{r}'"));
        await Eventually.Until(
            () => ScalarAsync<long>($"SELECT COUNT(*) FROM reader.readers WHERE id IN ({readerIds}) AND erasure = 'Pending'"),
            pending => pending == 0,
            what: "every erasure completed or refused");
        Assert.Equal(0, await ScalarAsync<long>(
            $"""
            SELECT COUNT(*) FROM reader.readers r JOIN lending.loans l ON l.reader_id = r.id
            WHERE r.id IN ({readerIds}) AND r.status = 'Erased'
              AND (l.status = 'Active' OR COALESCE(l.fine_late_fee_cents + l.fine_lost_fee_cents - l.fine_paid_cents - l.fine_waived_cents, 0) > 0)
            """));

        // A last sweep, as the timer would make: every ready hold past its date is expired before the stores are compared.
        await SweepAsync();
        await AssertHoldInvariantsAsync(isbn, holds);

        var expected = await app.LoanRowsAsync(loans);
        await app.AssertAgreeAsync(_client, loans);
        await Eventually.Until(() => ReadModelsMatchAsync(expected, readers, isbn, holds), matched => matched, TimeSpan.FromSeconds(20), "read models equal the command stores");
        await ReplayMatchesAsync(mark, expected, isbn, holds);
        return true;
    }

    private static async Task<HttpResponseMessage> WhenOpen(Task gate, Func<Task<HttpResponseMessage>> request)
    {
        await gate;
        return await request();
    }

    /// <summary>The sequence's book, copies, readers and what the commands so far created, as the desks see it.</summary>
    private sealed record World(
        string Isbn, string[] Barcodes, string[] Readers, Dictionary<string, long> ReaderVersions, List<string> Loans, List<string> Fines, List<string> Holds);

    private Func<Task<HttpResponseMessage>>? Request(Step step, World world)
    {
        var (action, target, amount, _) = step;
        var barcodes = world.Barcodes;
        var reader = world.Readers[target % world.Readers.Length];
        var loan = world.Loans.Count > 0 ? world.Loans[target % world.Loans.Count] : null;
        var fine = world.Fines.Count > 0 ? world.Fines[target % world.Fines.Count] : null;
        var hold = world.Holds.Count > 0 ? world.Holds[target % world.Holds.Count] : null;
        var readerVersion = world.ReaderVersions[reader];
        var backdated = Now.AddDays(-(amount % 40));

        // A closed day among the next weeks (due dates move past it) or the last ones (days late skip it).
        var day = DateOnly.FromDateTime(Now.UtcDateTime).AddDays((amount % 50) - 25).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return action switch
        {
            Action.Checkout => () => _client.TryCheckout(reader, barcodes[amount % barcodes.Length]),
            Action.BackdatedCheckout => () => _client.TryCheckout(reader, barcodes[amount % barcodes.Length], backdated),
            Action.Return when loan is not null => () => _client.PostJson($"/api/loans/{loan}/return", new { comment = "ok" }),

            // 8 to 11 days ago: a hold trapped by it is past its pickup date at once, for the sweep to expire.
            Action.BackdatedReturn when loan is not null => () => _client.PostJson($"/api/loans/{loan}/return", new { occurredAt = Now.AddDays(-8 - (amount % 4)) }),
            Action.Renew when loan is not null => () => _client.PostAsync($"/api/loans/{loan}/renewal", null),
            Action.Lost when loan is not null => () => _client.PostAsync($"/api/loans/{loan}/lost", null),
            Action.Pay when fine is not null => () => _client.PostJson($"/api/fines/{fine}/payments", new { amountCents = amount }),
            Action.Waive when fine is not null => () => _client.PostJson($"/api/fines/{fine}/waiver", new { reason = "goodwill" }),
            Action.Suspend => () => _client.SendJson(HttpMethod.Put, $"/api/readers/{reader}/suspension", new { reason = "model" }),
            Action.Reactivate => () => _client.DeleteAsync($"/api/readers/{reader}/suspension"),
            Action.Rename => () => _client.SendJson(HttpMethod.Patch, $"/api/readers/{reader}", new { name = $"Reader {amount}" }, ifMatch: $"\"{readerVersion}\""),
            Action.Erase => () => _client.DeleteAsync($"/api/readers/{reader}"),
            Action.PlaceHold => () => _client.PostJson("/api/holds", new { readerId = reader, isbn = world.Isbn }),
            Action.CancelHold when hold is not null => () => _client.DeleteAsync($"/api/holds/{hold}"),
            Action.SweepHolds => SweepRequestAsync,
            Action.CloseDay => () => _admin.SendJson(HttpMethod.Put, $"/api/calendar/closed-days/{day}", new { reason = "model" }),
            Action.ReopenDay => () => _admin.DeleteAsync($"/api/calendar/closed-days/{day}"),
            Action.ChangeCategory => () => _client.SendJson(
                HttpMethod.Put, $"/api/readers/{reader}/category", new { category = Categories[amount % Categories.Length] }, ifMatch: $"\"{readerVersion}\""),
            _ => null,
        };
    }

    /// <summary>A sweep sent with the group's requests, answered as one (it has no HTTP route: the timer runs it).</summary>
    private async Task<HttpResponseMessage> SweepRequestAsync()
    {
        await SweepAsync();
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") };
    }

    /// <summary>What the Lending service's timer does, run now: expire the ready holds past their pickup date.</summary>
    private async Task SweepAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<HoldExpirySweep>().RunAsync(CancellationToken.None);
    }

    /// <summary>
    /// The hold rules in the command store: a copy is on the hold shelf exactly when one ready hold holds it; a
    /// ready hold is not past its date after the sweep; a fulfilled hold's loan is its reader's loan of the title;
    /// each hold's events are one per version, none missing.
    /// </summary>
    private async Task AssertHoldInvariantsAsync(string isbn, List<string> holds)
    {
        Assert.Equal(0, await ScalarAsync<long>(
            $"""
            SELECT COUNT(*) FROM lending.copies c
            WHERE c.isbn = '{isbn}' AND (c.status = 'OnHoldShelf') <> EXISTS (SELECT 1 FROM lending.holds h WHERE h.copy_id = c.id AND h.status = 'Ready')
            """));
        Assert.Equal(0, await ScalarAsync<long>($"SELECT COUNT(*) FROM lending.holds WHERE isbn = '{isbn}' AND status = 'Ready' AND pickup_by < '{Now:O}'"));
        Assert.Equal(0, await ScalarAsync<long>(
            $"""
            SELECT COUNT(*) FROM lending.holds h LEFT JOIN lending.loans l ON l.id = h.loan_id
            WHERE h.isbn = '{isbn}' AND h.status = 'Fulfilled' AND (l.id IS NULL OR l.reader_id <> h.reader_id OR l.isbn <> h.isbn)
            """));
        foreach (var hold in holds)
        {
            var version = await ScalarAsync<long>($"SELECT version FROM lending.holds WHERE id = '{hold}'");
            var chain = (await app.PublishedEventsAbout(hold)).Where(e => e.Topic.StartsWith("hold.", StringComparison.Ordinal) && (string?)e.Value["holdId"] == hold)
                .Select(e => (long)e.Value["version"]!).Order().ToList();
            Assert.Equal(Enumerable.Range(1, (int)version).Select(v => (long)v), chain);
        }
    }

    private async Task<bool> ReadModelsMatchAsync(List<LoanRow> loans, string[] readers, string isbn, List<string> holds)
    {
        var now = Now;
        var names = new Dictionary<string, string?>();
        foreach (var readerId in readers)
        {
            names[readerId] = (string?)(await (await _client.GetAsync($"/api/readers/{readerId}")).Json())["name"];
        }

        foreach (var loan in loans)
        {
            var read = await (await _client.GetAsync($"/api/loans/{loan.Id}")).Json();
            var status = loan.Status == LoanStatuses.Active && now > loan.DueDate ? LoanStatuses.Overdue : loan.Status;

            // A loan shows its reader's current name: renames and erasures reach loans checked out before them.
            if ((string?)read["reader"]?["name"] != names[loan.ReaderId])
            {
                return false;
            }

            if ((long?)read["version"] != loan.Version || (string?)read["status"] != status || (int?)read["renewals"] != loan.Renewals
                || (DateTimeOffset?)read["dueDate"] != loan.DueDate || (long?)read["fine"]?["balanceCents"] != loan.FineBalance)
            {
                return false;
            }
        }

        foreach (var readerId in readers)
        {
            var own = loans.Where(l => l.ReaderId == readerId).ToList();
            var open = own.Where(l => l.Status == LoanStatuses.Active).ToList();
            var details = await (await _client.GetAsync($"/api/readers/{readerId}")).Json();
            if ((int?)details["activeLoans"] != open.Count || (int?)details["overdueLoans"] != open.Count(l => now > l.DueDate)
                || (long?)details["finesOwedCents"] != own.Sum(l => l.FineBalance))
            {
                return false;
            }

            // The Reader command's erasure guard reads its own replica: it must agree too.
            var openInReplica = await ScalarAsync<long>(
                $"SELECT COUNT(*) FROM reader.lending_obligations WHERE reader_id = '{readerId}' AND is_open_loan");
            var owedInReplica = await ScalarAsync<long>(
                $"SELECT COALESCE(SUM(owed_cents), 0)::bigint FROM reader.lending_obligations WHERE reader_id = '{readerId}'");
            if (openInReplica != open.Count || owedInReplica != own.Sum(l => l.FineBalance))
            {
                return false;
            }
        }

        // Each hold as the command store has it, its queue position counted there; each reader's waiting and ready holds.
        foreach (var hold in holds)
        {
            var row = await ScalarAsync<string>(
                $"""
                SELECT lower(h.status) || ' ' || h.version || ' ' ||
                       CASE WHEN h.status = 'Waiting' THEN (SELECT COUNT(*) FROM lending.holds w WHERE w.isbn = h.isbn AND w.status = 'Waiting' AND w.queue_number <= h.queue_number)::text ELSE '-' END
                FROM lending.holds h WHERE h.id = '{hold}'
                """);
            var read = await _client.GetFound($"/api/holds/{hold}");
            if (read is null || $"{(string)read["status"]!} {(long)read["version"]!} {((int?)read["position"])?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}" != row)
            {
                return false;
            }
        }

        foreach (var readerId in readers)
        {
            var waiting = await ScalarAsync<long>($"SELECT COUNT(*) FROM lending.holds WHERE reader_id = '{readerId}' AND status = 'Waiting'");
            var ready = await ScalarAsync<long>($"SELECT COUNT(*) FROM lending.holds WHERE reader_id = '{readerId}' AND status = 'Ready'");
            var details = await (await _client.GetAsync($"/api/readers/{readerId}")).Json();
            if ((long?)details["holdsWaiting"] != waiting || (long?)details["holdsReady"] != ready)
            {
                return false;
            }
        }

        // Copies on the hold shelf are not available but still the library's: the counts are the command store's.
        var available = await ScalarAsync<long>($"SELECT COUNT(*) FROM lending.copies WHERE isbn = '{isbn}' AND status = 'Available'");
        var held = await ScalarAsync<long>($"SELECT COUNT(*) FROM lending.copies WHERE isbn = '{isbn}' AND status <> 'Lost'");
        var holdsWaiting = await ScalarAsync<long>($"SELECT COUNT(*) FROM lending.holds WHERE isbn = '{isbn}' AND status = 'Waiting'");
        var book = await (await _client.GetAsync($"/api/books/{isbn}")).Json();
        return (int?)book["copiesAvailable"] == available && (int?)book["copiesTotal"] == held && (int?)book["holdsWaiting"] == holdsWaiting;
    }

    /// <summary>Delivers every event of the sequence twice, shuffled and four at a time, into fresh stores.</summary>
    private async Task ReplayMatchesAsync(long mark, List<LoanRow> loans, string isbn, List<string> holds)
    {
        var directory = Path.Combine(Path.GetTempPath(), "library-model", Guid.NewGuid().ToString("N"));
        using var fresh = new SqliteReadStoreProvider(directory);
        try
        {
            var freshLoans = fresh.Open<LoanDocument>("lending_query", "loans", []);
            var freshCopies = fresh.Open<CopyDocument>("lending_query", "copies", []);
            var freshReaders = fresh.Open<LoanReaderDocument>("lending_query", "readers", []);
            var freshMonths = fresh.Open<LoanStatsMonthDocument>("lending_query", "loan_stats_months", []);
            var freshReaderLoans = fresh.Open<ReaderLoanDocument>("reader_query", "reader_loans", []);
            var stamps = new ReaderStamps(freshLoans);
            var freshBookCounts = fresh.Open<BookLoanCountDocument>("lending_query", "loan_stats_books", []);
            var freshReaderCounts = fresh.Open<ReaderLoanCountDocument>("lending_query", "loan_stats_readers", []);
            var statistics = new LoanStatistics(
                freshMonths, freshBookCounts, freshReaderCounts, fresh.Open<LoanStatsLedgerDocument>("lending_query", "loan_stats_ledger", []));
            var loanProjection = new LoanProjection(new LoanReadModelWriter(freshLoans, freshCopies, freshReaders, stamps));
            var statisticsProjection = new LoanStatisticsProjection(statistics);
            var catalogue = new CatalogueProjection(fresh.Open<BookDocument>("lending_query", "books", []), freshCopies, freshReaders, stamps, new KeepMessages());
            var readerLoans = new ReaderLoansProjection(freshReaderLoans);
            var freshHolds = fresh.Open<HoldDocument>("lending_query", "holds", []);
            var holdProjection = new HoldProjection(freshHolds, freshCopies);
            var readerHolds = new ReaderHoldsProjection(freshReaderLoans);

            var events = await PublishedSinceAsync(mark);
            var deliveries = events.Concat(events).OrderBy(_ => Random.Shared.Next()).ToList();
            await Parallel.ForEachAsync(deliveries, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (delivery, ct) =>
            {
                var (topic, value) = delivery;
                await (topic switch
                {
                    LendingTopics.BookAdded => catalogue.On(value.Deserialize<BookAdded>(EventJson)!, ct),
                    LendingTopics.CopyAdded => catalogue.On(value.Deserialize<CopyAdded>(EventJson)!, ct),
                    ReaderTopics.Registered => catalogue.On(value.Deserialize<ReaderRegistered>(EventJson)!, ct),
                    ReaderTopics.Updated => catalogue.On(value.Deserialize<ReaderUpdated>(EventJson)!, ct),
                    ReaderTopics.Erased => catalogue.On(value.Deserialize<ReaderErased>(EventJson)!, ct),
                    LendingTopics.LoanCreated => All(value.Deserialize<LoanCreated>(EventJson)!, ct, loanProjection.On, readerLoans.On, statisticsProjection.On),
                    LendingTopics.LoanRenewed => All(value.Deserialize<LoanRenewed>(EventJson)!, ct, loanProjection.On, readerLoans.On),
                    LendingTopics.LoanReturned => All(value.Deserialize<LoanReturned>(EventJson)!, ct, loanProjection.On, readerLoans.On, statisticsProjection.On),
                    LendingTopics.LoanLost => All(value.Deserialize<LoanLost>(EventJson)!, ct, loanProjection.On, readerLoans.On),
                    LendingTopics.FineAssessed => All(value.Deserialize<FineAssessed>(EventJson)!, ct, loanProjection.On, readerLoans.On),
                    LendingTopics.FinePaid => All(value.Deserialize<FinePaid>(EventJson)!, ct, loanProjection.On, readerLoans.On),
                    LendingTopics.FineWaived => All(value.Deserialize<FineWaived>(EventJson)!, ct, loanProjection.On, readerLoans.On),
                    LendingTopics.HoldPlaced => All(value.Deserialize<HoldPlaced>(EventJson)!, ct, holdProjection.On, readerHolds.On),
                    LendingTopics.HoldReady => All(value.Deserialize<HoldReady>(EventJson)!, ct, holdProjection.On, readerHolds.On),
                    LendingTopics.HoldCancelled => All(value.Deserialize<HoldCancelled>(EventJson)!, ct, holdProjection.On, readerHolds.On),
                    LendingTopics.HoldExpired => All(value.Deserialize<HoldExpired>(EventJson)!, ct, holdProjection.On, readerHolds.On),
                    LendingTopics.HoldFulfilled => All(value.Deserialize<HoldFulfilled>(EventJson)!, ct, holdProjection.On, readerHolds.On),
                    _ => Task.CompletedTask,
                });
            });

            var liveLoans = app.Services.GetRequiredService<IReadStore<LoanDocument>>();
            var liveReaderLoans = app.Services.GetRequiredService<IReadStore<ReaderLoanDocument>>();
            foreach (var loan in loans)
            {
                Assert.Equal(Json(await liveLoans.GetAsync(loan.Id)), Json(await freshLoans.GetAsync(loan.Id)));
                Assert.Equal(Json(await liveReaderLoans.GetAsync(loan.Id)), Json(await freshReaderLoans.GetAsync(loan.Id)));
            }

            var liveHolds = app.Services.GetRequiredService<IReadStore<HoldDocument>>();
            foreach (var hold in holds)
            {
                Assert.Equal(Json(await liveHolds.GetAsync(hold)), Json(await freshHolds.GetAsync(hold)));
                Assert.Equal(Json(await liveReaderLoans.GetAsync(hold)), Json(await freshReaderLoans.GetAsync(hold)));
            }

            var liveCopies = app.Services.GetRequiredService<IReadStore<CopyDocument>>();
            var copyFilter = ReadFilter.Eq(nameof(CopyDocument.Isbn), isbn);
            Assert.Equal(
                Json(await liveCopies.FindAsync(new ReadQuery(copyFilter, ReadSort.Ascending(nameof(CopyDocument.Barcode))))),
                Json(await freshCopies.FindAsync(new ReadQuery(copyFilter, ReadSort.Ascending(nameof(CopyDocument.Barcode))))));

            // Statistics: each loan counted once, each return once, whatever the delivery.
            var months = await freshMonths.FindAsync(new ReadQuery(ReadFilter.All));
            var bookCounts = await freshBookCounts.FindAsync(new ReadQuery(ReadFilter.All));
            var readerCounts = await freshReaderCounts.FindAsync(new ReadQuery(ReadFilter.All));
            var returned = loans.Where(l => l.ReturnedAt is not null).ToList();
            Assert.Equal(loans.Count, months.Sum(m => m.Loans));
            Assert.Equal(returned.Count, months.Sum(m => m.ReturnedLoans));
            Assert.Equal(returned.Sum(l => (long)Math.Round((l.ReturnedAt!.Value - l.CheckedOutAt).TotalMinutes)), months.Sum(m => m.TotalLoanMinutes));
            Assert.Equal(loans.Count, bookCounts.SingleOrDefault(c => c.Month == LoanCountDocument.AllTime)?.Loans ?? 0);
            Assert.Equal(loans.Count, bookCounts.Where(c => c.Month != LoanCountDocument.AllTime).Sum(c => c.Loans));
            foreach (var reader in loans.GroupBy(l => l.ReaderId))
            {
                Assert.Equal(reader.Count(), readerCounts.Single(c => c.Key == reader.Key && c.Month == LoanCountDocument.AllTime).Loans);
                Assert.Equal(reader.Count(), readerCounts.Where(c => c.Key == reader.Key && c.Month != LoanCountDocument.AllTime).Sum(c => c.Loans));
            }

            Assert.All(months.Cast<StatsCounterDocument>().Concat(bookCounts).Concat(readerCounts), d => Assert.Empty(d.PendingFacts));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task All<TEvent>(TEvent message, CancellationToken ct, params Func<TEvent, CancellationToken, Task>[] handlers)
    {
        foreach (var handle in handlers)
        {
            await handle(message, ct);
        }
    }

    private static string Json(object? document) => JsonSerializer.Serialize(document);

    private async Task<List<(string Topic, JsonNode Value)>> PublishedSinceAsync(long mark)
    {
        await using var db = new NpgsqlConnection(app.ConnectionString);
        await db.OpenAsync();
        await using var query = new NpgsqlCommand("""SELECT "Name", "Content" FROM cap.published WHERE "Id" > @mark""", db);
        query.Parameters.AddWithValue("mark", mark);
        var events = new List<(string, JsonNode)>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            events.Add((reader.GetString(0), JsonNode.Parse(reader.GetString(1))!["value"]!));
        }

        return events;
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var db = new NpgsqlConnection(app.ConnectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The replay stores are throw-away; the messages they were built from belong to the live host.</summary>
    private sealed class KeepMessages : IPersonalDataPurge
    {
        public Task<int> PurgeMessagesAboutAsync(Guid subjectId, CancellationToken cancellationToken) => Task.FromResult(0);
    }
}
