using System.Globalization;
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

    // Lookup names the report's targets find their numbers by (a lookup added to the list needs none).
    public const string ReaderDetails = "GET /api/readers/{id}";
    public const string OverdueFirstPage = "GET /api/loans/overdue (first page)";
    public const string OverdueByCursor = "GET /api/loans/overdue (deep page by cursor)";
    public const string StatsAllTime = "GET /api/stats/loans";
    public const string StatsYear = "GET /api/stats/loans?from=&to= (a year)";

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

        return new ReadPathResult(seeded, overdue, lookups, direct, [], []);
    }

    /// <summary>
    /// Each lookup through HTTP driven by wrk: <see cref="BenchmarkSettings.ReadWorkers"/> connections (the
    /// issue's concurrent clients) over <see cref="BenchmarkSettings.WrkThreads"/> threads, a fresh token per
    /// lookup (wrk cannot sign in again, and a token lives 15 minutes), the lookup's paths from a file.
    /// </summary>
    public static async Task<ReadPathResult> MeasureWrkAsync(ReadPathResult prepared, LibraryApi api, HostProcess host, BenchmarkSettings settings, TextWriter log)
    {
        var directory = Path.Combine(settings.WorkDirectory, "wrk");
        Directory.CreateDirectory(directory);
        var script = Path.Combine(settings.RepositoryRoot, "benchmarks", "Library.Benchmarks", "reads.lua");
        var results = new List<WrkSummary>();
        for (var n = 0; n < prepared.Lookups.Count; n++)
        {
            var lookup = prepared.Lookups[n];
            var paths = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"lookup-{n}.paths"));
            var count = await WrkLoad.WritePathsAsync(lookup, paths);

            // A check the answer is a 200 before the load: wrk itself counts only statuses of 400 and more.
            if (!await api.GetOkAsync(lookup.Path(0)))
            {
                log.WriteLine($"wrk {lookup.Name}: {lookup.Path(0)} does not answer 200 (the run below counts its errors)");
            }

            var (token, expiresIn) = await api.FreshAccessTokenAsync();
            if (expiresIn < settings.Duration + TimeSpan.FromSeconds(30))
            {
                throw new InvalidOperationException($"An access token lives {expiresIn.TotalSeconds:0} s, too short for a {settings.Duration.TotalSeconds:0} s wrk run (wrk cannot sign in again).");
            }

            var tokenFile = Path.Combine(directory, "token");
            await File.WriteAllTextAsync(tokenFile, token + "\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(tokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            try
            {
                var summary = await WrkLoad.RunAsync(settings.Wrk, script, host.BaseAddress, paths, tokenFile, settings.ReadWorkers, settings.WrkThreads, settings.Duration, host);
                results.Add(summary);
                log.WriteLine($"wrk {lookup.Name} ({count} distinct paths): {summary}");
                if (summary.Failures > 0)
                {
                    log.WriteLine(summary.Output);
                }
            }
            finally
            {
                File.Delete(tokenFile);
            }
        }

        return prepared with { Wrk = results };
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

        // The twelve whole months before this one: a year of the seed's two (statistics select whole months).
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var (from, to) = (thisMonth.AddMonths(-12), thisMonth.AddDays(-1));
        var range = string.Create(CultureInfo.InvariantCulture, $"from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");
        return
        [
            new(
                ReaderDetails,
                i => $"/api/readers/{Reader(i)}",
                async (readers, _, i) => (await readers.Send(new GetReaderQuery(Reader(i), Desk))).IsSuccess),
            new(
                OverdueFirstPage,
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
                StatsAllTime,
                _ => "/api/stats/loans",
                async (_, lending, _) => (await lending.Send(new LoanStatsQuery(null, null))).IsSuccess),
            new(
                OverdueByCursor,
                _ => $"/api/loans/overdue?pageSize={PageSize}" + (deepCursor is null ? "" : $"&after={Uri.EscapeDataString(deepCursor)}"),
                async (_, lending, _) => (await lending.Send(new OverdueLoansQuery(1, PageSize, deepCursor))).IsSuccess),
            new(
                StatsYear,
                _ => $"/api/stats/loans?{range}",
                async (_, lending, _) => (await lending.Send(new LoanStatsQuery(from, to))).IsSuccess),
        ];
    }
}

internal sealed record Lookup(string Name, Func<int, string> Path, Func<ReaderQueryMediator, LendingQueryMediator, int, Task<bool>> DirectCall)
{
    public async Task<bool?> Direct(ReaderQueryMediator readers, LendingQueryMediator lending, int i) => await DirectCall(readers, lending, i);
}

/// <summary>
/// One summary per lookup, in the lookups' order: Direct is the in-process baseline, Wrk the HTTP runs
/// driven by wrk (the headline), Http the benchmark's own .NET client (empty when not run).
/// </summary>
internal sealed record ReadPathResult(
    string Seeded,
    long Overdue,
    IReadOnlyList<Lookup> Lookups,
    IReadOnlyList<LatencySummary> Direct,
    IReadOnlyList<LatencySummary> Http,
    IReadOnlyList<WrkSummary> Wrk)
{
    private int IndexOf(string name) => Lookups.ToList().FindIndex(l => l.Name == name);

    public WrkSummary? WrkOf(string name) => Wrk.ElementAtOrDefault(IndexOf(name));

    public LatencySummary? DirectOf(string name) => IndexOf(name) is >= 0 and var i ? Direct.ElementAtOrDefault(i) : null;
}
