using Library.BuildingBlocks.ReadStore;
using Library.BuildingBlocks.ReadStore.Sqlite;
using Library.BuildingBlocks.Security;
using Library.Lending.Query.Loans;
using Library.Lending.Query.Loans.OverdueLoans;
using Library.Lending.Query.Loans.SearchLoans;
using Library.Lending.Query.ReadModel;
using Library.Lending.Query.Stats.LoanStats;
using Library.Reader.Query.Readers.GetReader;
using Microsoft.Extensions.DependencyInjection;
using LendingQueryMediator = Library.Lending.Query.Messaging.Mediator;
using ReaderQueryMediator = Library.Reader.Query.Messaging.Mediator;

namespace Library.Benchmarks;

/// <summary>
/// Scenario 3: the read endpoints over a large store, each at saturation, through HTTP on the
/// development host and, as the baseline, the same queries sent to the same handlers on the same
/// read-store adapter in-process (no HTTP, no hosting). The ratio is what HTTP and hosting cost.
/// </summary>
internal sealed class ReadPathScenario(BenchmarkSettings settings)
{
    /// <summary>The in-process baseline queries as a librarian, as the HTTP requests do.</summary>
    private static readonly Caller Desk = new("benchmark-librarian", LibraryRoles.Librarian, null);

    private const int PageSize = 20;

    /// <summary>The seeded SQLite directory; kept between runs of the same size, since seeding takes minutes.</summary>
    public string StoreDirectory => Path.Combine(settings.WorkDirectory, $"reads-{settings.LargeReaders}-{settings.LargeLoans}", "sqlite");

    public async Task<ReadPathResult> PrepareAndMeasureDirectAsync(TextWriter log)
    {
        var seed = new LargeStoreSeed(settings.LargeReaders, settings.LargeLoans, DateTimeOffset.UtcNow);
        var marker = Path.Combine(Path.GetDirectoryName(StoreDirectory)!, "seeded.txt");
        string seeded;
        if (File.Exists(marker))
        {
            seeded = await File.ReadAllTextAsync(marker) + " (kept from an earlier run)";
            log.WriteLine($"large store: {seeded}");
        }
        else
        {
            log.WriteLine($"seeding the large store ({settings.LargeReaders} readers, {settings.LargeLoans} loans) into {StoreDirectory}");
            if (Directory.Exists(StoreDirectory))
            {
                Directory.Delete(StoreDirectory, recursive: true);
            }

            using (var provider = new SqliteReadStoreProvider(StoreDirectory))
            {
                seeded = await seed.SeedAsync(provider, log);
            }

            await File.WriteAllTextAsync(marker, seeded);
            log.WriteLine($"  {seeded}");
        }

        using var store = new SqliteReadStoreProvider(StoreDirectory);
        await using var services = LargeStoreSeed.QueryServices(store);
        var overdue = await services.GetRequiredService<IReadStore<LoanDocument>>().CountAsync(LoanFilters.Overdue(DateTimeOffset.UtcNow));
        var deepPage = (int)Math.Max(1, overdue * 9 / 10 / PageSize);

        // The cursor of the deep page's position (the next of the page before it), so that the keyset read
        // of the same loans stands beside the offset read of them (ADR 0024).
        var deepCursor = deepPage > 1
            ? (await services.GetRequiredService<LendingQueryMediator>().Send(new OverdueLoansQuery(deepPage - 1, PageSize))).Value.Next
            : null;
        var lookups = Lookups(deepPage, deepCursor);
        log.WriteLine($"  {overdue} loans overdue; the deep page is page {lookups[2].Path(0).Split("page=")[1]}");

        var direct = new List<LatencySummary>();
        var readers = services.GetRequiredService<ReaderQueryMediator>();
        var lending = services.GetRequiredService<LendingQueryMediator>();
        foreach (var lookup in lookups)
        {
            var summary = await OpenLoop.RunSaturatedAsync(settings.ReadWorkers, settings.Duration, i => lookup.Direct(readers, lending, i));
            direct.Add(summary);
            log.WriteLine($"direct {lookup.Name}: {summary}");
        }

        return new ReadPathResult(seeded, overdue, lookups, direct, []);
    }

    public static async Task<ReadPathResult> MeasureHttpAsync(ReadPathResult prepared, LibraryApi api, BenchmarkSettings settings, TextWriter log)
    {
        var http = new List<LatencySummary>();
        foreach (var lookup in prepared.Lookups)
        {
            var summary = await OpenLoop.RunSaturatedAsync(settings.ReadWorkers, settings.Duration, async i => await api.GetOkAsync(lookup.Path(i)));
            http.Add(summary);
            log.WriteLine($"HTTP {lookup.Name}: {summary}");
        }

        return prepared with { Http = http };
    }

    private List<Lookup> Lookups(int deepPage, string? deepCursor)
    {
        // Request i reads reader i (spread over all readers), so caches see the whole store.
        string Reader(int i) => LargeStoreSeed.ReaderId((int)((i * 7_919L) % settings.LargeReaders)).ToString();
        return
        [
            new(
                "GET /api/readers/{id}",
                i => $"/api/readers/{Reader(i)}",
                async (readers, _, i) => (await readers.Send(new GetReaderQuery(Reader(i), Desk))).IsSuccess),
            new(
                "GET /api/loans/overdue (first page)",
                _ => $"/api/loans/overdue?page=1&pageSize={PageSize}",
                async (_, lending, _) => (await lending.Send(new OverdueLoansQuery(1, PageSize))).IsSuccess),
            new(
                "GET /api/loans/overdue (deep page)",
                _ => $"/api/loans/overdue?pageSize={PageSize}&page={deepPage}",
                async (_, lending, _) => (await lending.Send(new OverdueLoansQuery(deepPage, PageSize))).IsSuccess),
            new(
                "GET /api/loans?readerId=",
                i => $"/api/loans?readerId={Reader(i)}&pageSize={PageSize}",
                async (_, lending, i) => (await lending.Send(new SearchLoansQuery(Reader(i), null, null, null, null, 1, PageSize, Desk))).IsSuccess),
            new(
                "GET /api/stats/loans",
                _ => "/api/stats/loans",
                async (_, lending, _) => (await lending.Send(new LoanStatsQuery(null, null))).IsSuccess),
            new(
                "GET /api/loans/overdue (deep page by cursor)",
                _ => $"/api/loans/overdue?pageSize={PageSize}" + (deepCursor is null ? "" : $"&after={Uri.EscapeDataString(deepCursor)}"),
                async (_, lending, _) => (await lending.Send(new OverdueLoansQuery(1, PageSize, deepCursor))).IsSuccess),
        ];
    }
}

internal sealed record Lookup(string Name, Func<int, string> Path, Func<ReaderQueryMediator, LendingQueryMediator, int, Task<bool>> DirectCall)
{
    public async Task<bool?> Direct(ReaderQueryMediator readers, LendingQueryMediator lending, int i) => await DirectCall(readers, lending, i);
}

internal sealed record ReadPathResult(string Seeded, long Overdue, IReadOnlyList<Lookup> Lookups, IReadOnlyList<LatencySummary> Direct, IReadOnlyList<LatencySummary> Http);
