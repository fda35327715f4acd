using System.Globalization;

namespace Library.Benchmarks;

/// <summary>What one run does; every value has a command-line option (see <see cref="Parse"/>).</summary>
internal sealed record BenchmarkSettings(
    string RepositoryRoot,
    string WorkDirectory,
    string Postgres,
    Uri RabbitMq,
    int Port,
    TimeSpan Duration,
    IReadOnlyList<double> Rates,
    int SaturationWorkers,
    double SaturationCeilingPerSecond,
    int Readers,
    int LargeReaders,
    int LargeLoans,
    int ReadWorkers,
    string Wrk,
    int WrkThreads,
    bool ReadsDotnetClient,
    int PgbenchClients,
    IReadOnlySet<string> Scenarios,
    string ResultsDirectory,
    string Commit)
{
    public static readonly IReadOnlyList<string> AllScenarios = ["checkout", "signin", "desk", "services", "broker", "pgbench", "reads"];

    /// <summary>Options are <c>--name value</c>; run.sh passes the machine-specific ones (servers, folders, commit).</summary>
    public static BenchmarkSettings Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected options as --name value, got '{args[i]}'.");
            }

            options[args[i][2..]] = args[i + 1];
        }

        string Option(string name, string fallback) => options.Remove(name, out var value) ? value : fallback;
        int Int(string name, int fallback) => int.Parse(Option(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

        var root = Path.GetFullPath(Option("repository", "."));
        var settings = new BenchmarkSettings(
            RepositoryRoot: root,
            WorkDirectory: Path.GetFullPath(Option("work", Path.Combine(root, ".data", "bench"))),
            Postgres: Option("postgres", "Host=127.0.0.1;Port=54329;Username=postgres"),
            RabbitMq: new Uri(Option("rabbitmq", "amqp://guest:guest@127.0.0.1:31672/")),
            Port: Int("port", 5090),
            Duration: TimeSpan.FromSeconds(double.Parse(Option("duration", "30"), CultureInfo.InvariantCulture)),
            Rates: [.. Option("rates", "100,200,300,400").Split(',').Select(rate => double.Parse(rate, CultureInfo.InvariantCulture))],
            SaturationWorkers: Int("saturation-workers", 64),
            SaturationCeilingPerSecond: double.Parse(Option("saturation-ceiling", "1500"), CultureInfo.InvariantCulture),
            Readers: Int("readers", 300),
            LargeReaders: Int("large-readers", 100_000),
            LargeLoans: Int("large-loans", 1_000_000),
            ReadWorkers: Int("read-workers", 8),
            Wrk: Option("wrk", "wrk"),
            WrkThreads: Int("wrk-threads", 2),
            ReadsDotnetClient: Option("reads-dotnet-client", "off") is "on",
            PgbenchClients: Int("pgbench-clients", 16),
            Scenarios: Option("scenarios", string.Join(',', AllScenarios)).Split(',').ToHashSet(StringComparer.Ordinal),
            ResultsDirectory: Path.GetFullPath(Option("results", Path.Combine(root, "benchmarks", "results"))),
            Commit: Option("commit", "unknown"));
        if (options.Count > 0)
        {
            throw new ArgumentException($"Unknown options: {string.Join(", ", options.Keys.Select(k => "--" + k))}.");
        }

        if (settings.Scenarios.Except(AllScenarios).ToList() is { Count: > 0 } unknown)
        {
            throw new ArgumentException($"Unknown scenarios: {string.Join(", ", unknown)}; known: {string.Join(", ", AllScenarios)}.");
        }

        return settings;
    }

    public bool Runs(string scenario) => Scenarios.Contains(scenario);

    public string Database(string name) => $"{Postgres};Database={name}";

    public string HostDll(string project) => Path.Combine(RepositoryRoot, "Hosts", project, "bin", "Release", "net10.0", project + ".dll");
}
