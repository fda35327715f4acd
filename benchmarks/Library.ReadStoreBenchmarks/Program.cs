using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Library.BuildingBlocks.ReadStore;
using Library.BuildingBlocks.ReadStore.Sqlite;
using Library.ReadStoreBenchmarks;

// Read-store configurations side by side on the operations the projections and query handlers perform,
// over a store of loan documents with the Lending query's indexes. Every phase runs each configuration in
// turn, in a rotating order, for several rounds, so that a neighbour's load falls on all of them alike and
// the ratios hold even when the absolute numbers move. It compared LiteDB with SQLite before LiteDB was
// removed (docs/adr/0021-sqlite-read-store.md has those numbers; commit 4aa2f20 runs them again); now it
// compares SQLite's synchronous=FULL (the default) with NORMAL, the durability choice of that ADR.
//   dotnet run -c Release --project benchmarks/Library.ReadStoreBenchmarks -- --loans 100000 --seconds 3 --rounds 3
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var options = Options.Parse(args);
var work = Path.Combine(options.WorkDirectory, DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
var now = DateTime.UtcNow;
const int Readers = 10_000;
var loadBefore = Measure.LoadAverage();

// The adapter's defaults, unless LIBRARY_BENCH_SQLITE_* says otherwise (for trying other settings).
static int Setting(string name, int fallback) =>
    Environment.GetEnvironmentVariable("LIBRARY_BENCH_SQLITE_" + name) is { Length: > 0 } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
var defaults = new SqliteSettings();
var sqlite = defaults with
{
    WriterCacheKiB = Setting("WRITER_CACHE_KIB", defaults.WriterCacheKiB),
    ReaderCacheKiB = Setting("READER_CACHE_KIB", defaults.ReaderCacheKiB),
    CheckpointPages = Setting("CHECKPOINT_PAGES", defaults.CheckpointPages),
    MmapBytes = Setting("MMAP_MIB", (int)(defaults.MmapBytes >> 20)) * (1L << 20),
};
var sqliteNormal = sqlite with { FullSync = false };
var sqliteFull = sqlite with { FullSync = true };
var adapters = new List<Adapter>
{
    new("SQLite FULL", dir => new SqliteReadStoreProvider(dir, requireIndexedSorts: false, sqliteFull), writesOnly: false),
    new("SQLite NORMAL", dir => new SqliteReadStoreProvider(dir, requireIndexedSorts: false, sqliteNormal), writesOnly: true),
};
adapters = [.. adapters.Where(a => options.Adapters.Contains(a.Name.Replace(" ", "-", StringComparison.Ordinal), StringComparer.OrdinalIgnoreCase))];

Console.WriteLine($"loading {options.Loans:N0} loans into each of {string.Join(", ", adapters.Select(a => a.Name))} under {work}");
foreach (var adapter in adapters)
{
    adapter.Open(Path.Combine(work, adapter.Name.Replace(' ', '-')), options.Loans);
    var started = Stopwatch.GetTimestamp();
    await adapter.Store.InsertManyAsync(Enumerable.Range(0, options.Loans).Select(i => BenchLoan.Create(i, Readers, now)));
    adapter.LoadTime = Stopwatch.GetElapsedTime(started);
    Console.WriteLine($"  {adapter.Name}: {adapter.LoadTime.TotalSeconds:0.0} s ({options.Loans / adapter.LoadTime.TotalSeconds:N0} documents/s)");
}

var overdue = ReadFilter.Lt(nameof(BenchLoan.OpenDueDate), now);
var overduePage = new ReadQuery(overdue, ReadSort.Ascending(nameof(BenchLoan.OpenDueDate)), 0, 20);
ReadQuery ReadersPage(long i) => new(
    ReadFilter.Eq(nameof(BenchLoan.ReaderId), BenchLoan.ReaderIdOf((int)((i * 7_919) % Readers))),
    ReadSort.DescendingBy(nameof(BenchLoan.CheckedOutAt)),
    0,
    20);

// The overdue list 90% deep, by offset and by keyset (ADR 0024): the same 20 loans, one skipping to them,
// the other seeking the index to the position of the loan before them.
var overdueCount = await adapters[0].Store.CountAsync(overdue);
var deepSkip = (int)Math.Max(1, overdueCount * 9 / 10);
var deepPage = overduePage with { Skip = deepSkip };
var beforeDeep = (await adapters[0].Store.FindAsync(overduePage with { Skip = deepSkip - 1, Take = 1 }))[0];
var deepKeyset = overduePage with { After = new ReadPosition(beforeDeep.OpenDueDate, beforeDeep.Id) };
Console.WriteLine($"{overdueCount:N0} loans overdue; the deep page starts at {deepSkip:N0}");
int Spread(long i, int worker) => (int)(((i * 16 + worker) * 104_729L) % options.Loans);

Task Upsert(Adapter adapter, int number) =>
    adapter.Store.UpsertIfNewerAsync(BenchLoan.Event(number, Interlocked.Increment(ref adapter.Versions[number]), Readers, now));

var phases = new List<Phase>
{
    new("UpsertIfNewer, 1 writer", Writes: true, a => [new("writer", 1, (w, i) => Upsert(a, Spread(i, w)))]),
    new("UpsertIfNewer, 4 writers", Writes: true, a => [new("writer", 4, (w, i) => Upsert(a, Spread(i, w)))]),
    new("ReplaceIf (version compare-and-set), 1 writer", Writes: true, a => [new("writer", 1, (w, i) =>
    {
        var number = Spread(i, w);
        var current = a.Versions[number];
        a.Versions[number] = current + 1;
        return a.Store.ReplaceIfAsync(BenchLoan.Event(number, current + 1, Readers, now), ReadFilter.Eq(nameof(IReadDocument.Version), current));
    })]),
    new("GetAsync by id, 1 reader", Writes: false, a => [new("reader", 1, (w, i) => a.Store.GetAsync(BenchLoan.IdOf(Spread(i, w))))]),
    new("GetAsync by id, 8 readers", Writes: false, a => [new("reader", 8, (w, i) => a.Store.GetAsync(BenchLoan.IdOf(Spread(i, w))))]),
    new("FindAsync overdue first page (20), 1 reader", Writes: false, a => [new("reader", 1, (_, _) => a.Store.FindAsync(overduePage))]),
    new("FindAsync a reader's loans (20, newest first), 1 reader", Writes: false, a => [new("reader", 1, (w, i) => a.Store.FindAsync(ReadersPage(i * 8 + w)))]),
    new("FindAsync overdue first page (20), 8 readers", Writes: false, a => [new("reader", 8, (_, _) => a.Store.FindAsync(overduePage))]),
    new("FindAsync overdue deep page (20) by offset, 1 reader", Writes: false, a => [new("reader", 1, (_, _) => a.Store.FindAsync(deepPage))]),
    new("FindAsync overdue deep page (20) by keyset, 1 reader", Writes: false, a => [new("reader", 1, (_, _) => a.Store.FindAsync(deepKeyset))]),
    new("CountAsync overdue, 1 reader", Writes: false, a => [new("reader", 1, (_, _) => a.Store.CountAsync(overdue))]),
    new("8 readers (get by id, reader's loans) while 1 writer upserts", Writes: true, a =>
    [
        new("reader", 8, (w, i) => i % 2 == 0 ? a.Store.GetAsync(BenchLoan.IdOf(Spread(i, w))) : a.Store.FindAsync(ReadersPage(i * 8 + w))),
        new("writer", 1, (w, i) => Upsert(a, Spread(i, w + 8))),
    ]),
};
phases = [.. phases.Where(p => options.Phases is null || options.Phases.Any(f => p.Name.Contains(f, StringComparison.OrdinalIgnoreCase)))];

var duration = TimeSpan.FromSeconds(options.Seconds);
var totals = phases.ToDictionary(p => p, _ => adapters.ToDictionary(a => a, _ => new PhaseTotals()));
for (var round = 0; round <= options.Rounds; round++)
{
    // Round 0 warms up (JIT, page caches) and is not counted.
    Console.WriteLine(round == 0 ? "warm-up round" : $"round {round} of {options.Rounds} (load {Measure.LoadAverage()})");
    foreach (var phase in phases)
    {
        var order = adapters.Where(a => phase.Writes || !a.WritesOnly).ToList();
        order = [.. order.Skip(round % order.Count), .. order.Take(round % order.Count)];
        foreach (var adapter in order)
        {
            await Measure.RunAsync(phase.Workers(adapter), round == 0 ? TimeSpan.FromSeconds(Math.Min(1, options.Seconds)) : duration, round == 0 ? null : totals[phase][adapter]);
        }
    }
}

var loadAfter = Measure.LoadAverage();
var report = Report();
Console.WriteLine(report);
if (options.Output is { } output)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
    await File.WriteAllTextAsync(output, report);
    Console.WriteLine($"written to {output}");
}

foreach (var adapter in adapters)
{
    adapter.Dispose();
}

if (!options.Keep)
{
    Directory.Delete(work, recursive: true);
}

string Report()
{
    var text = new StringBuilder();
    void Line(string line = "") => text.Append(line).Append('\n');
    var baseline = adapters[0];
    Line("# Read-store adapters, side by side");
    Line();
    Line($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, commit {Commit()}, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}.");
    Line($"Load average (1, 5, 15 min) before: {loadBefore}; after: {loadAfter}.");
    Line($"SQLite settings: {sqliteFull} (SQLite NORMAL: the same with synchronous=NORMAL).");
    Line($"{options.Loans:N0} loan documents ({Readers:N0} readers) with the Lending query's six loan indexes; " +
        $"{options.Rounds} rounds of {options.Seconds} s per phase and adapter, interleaved in a rotating order after a warm-up round. " +
        "CPU is the process's CPU time (every thread) per operation; latency is per operation, closed loop.");
    Line();
    Line("| bulk load | documents/s | time |");
    Line("| --- | ---: | ---: |");
    foreach (var adapter in adapters)
    {
        Line($"| {adapter.Name} | {options.Loans / adapter.LoadTime.TotalSeconds:N0} | {adapter.LoadTime.TotalSeconds:0.0} s |");
    }

    Line();
    Line($"| operation | adapter | ops/s | p50 ms | p99 ms | CPU µs/op | ops/s vs {baseline.Name} | CPU/op vs {baseline.Name} |");
    Line("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    foreach (var phase in phases)
    {
        foreach (var workers in totals[phase].Values.First().ByWorkers.Keys)
        {
            foreach (var (adapter, measured) in totals[phase].Where(t => t.Value.Operations > 0))
            {
                var samples = measured.ByWorkers[workers];
                var name = totals[phase].Values.First().ByWorkers.Count > 1 ? $"{phase.Name}: {workers}s" : phase.Name;
                var versus = totals[phase][baseline] is { Operations: > 0 } first && adapter != baseline
                    ? ($"{measured.OpsPerSecond(workers) / first.OpsPerSecond(workers):0.00}×", $"{measured.CpuMicrosecondsPerOperation / first.CpuMicrosecondsPerOperation:0.00}×")
                    : ("", "");
                Line($"| {name} | {adapter.Name} | {measured.OpsPerSecond(workers):N0} | {samples.PercentileMs(50):0.000} | {samples.PercentileMs(99):0.000} | " +
                    $"{measured.CpuMicrosecondsPerOperation:N1} | {versus.Item1} | {versus.Item2} |");
            }
        }
    }

    Line();
    Line("In the mixed phase the CPU per operation counts the reads and the writes together.");
    return text.ToString();
}

static string Commit()
{
    try
    {
        using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD") { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var commit = git.StandardOutput.ReadToEnd().Trim();
        git.WaitForExit();
        using var status = Process.Start(new ProcessStartInfo("git", "status --porcelain --untracked-files=no") { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var dirty = status.StandardOutput.ReadToEnd().Trim().Length > 0;
        status.WaitForExit();
        return commit + (dirty ? " (with uncommitted changes)" : "");
    }
    catch (System.ComponentModel.Win32Exception)
    {
        return "unknown";
    }
}

internal sealed record Phase(string Name, bool Writes, Func<Adapter, IReadOnlyList<Workers>> Workers);

internal sealed class Adapter(string name, Func<string, IReadStoreProvider> create, bool writesOnly) : IDisposable
{
    private IReadStoreProvider? _provider;

    public string Name { get; } = name;

    public bool WritesOnly { get; } = writesOnly;

    public IReadStore<BenchLoan> Store { get; private set; } = null!;

    public TimeSpan LoadTime { get; set; }

    /// <summary>The version each loan has in this adapter's store, so every write is of the next version.</summary>
    public long[] Versions { get; private set; } = [];

    public void Open(string directory, int loans)
    {
        _provider = create(directory);
        Store = _provider.Open<BenchLoan>("lending_query", "loans", BenchLoan.Indexes);
        Versions = Enumerable.Repeat(1L, loans).ToArray();
    }

    public void Dispose() => (_provider as IDisposable)?.Dispose();
}

internal sealed record Options(int Loans, double Seconds, int Rounds, string WorkDirectory, string? Output, IReadOnlyList<string> Adapters, IReadOnlyList<string>? Phases, bool Keep)
{
    public static Options Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new Options(
            int.Parse(Value("--loans") ?? "100000", CultureInfo.InvariantCulture),
            double.Parse(Value("--seconds") ?? "3", CultureInfo.InvariantCulture),
            int.Parse(Value("--rounds") ?? "3", CultureInfo.InvariantCulture),
            Value("--work") ?? Path.Combine(RepositoryRoot(), ".data", "read-store-benchmarks"),
            Value("--output"),
            (Value("--adapters") ?? "SQLite-FULL,SQLite-NORMAL").Split(','),
            Value("--phases")?.Split(','),
            args.Contains("--keep"));
    }

    /// <summary>Stores go under the repository's ignored .data/ (a real disk: the FULL runs measure its flushes).</summary>
    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Library.sln")))
            {
                return directory.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
