namespace Library.Benchmarks;

/// <summary>The processes a scenario measures: the development host, or the four services behind the gateway over RabbitMQ.</summary>
internal static class Topology
{
    /// <summary>Created afresh by run.sh for every run, like the four service databases below.</summary>
    public const string DevelopmentDatabase = "library_bench";

    private static readonly string[] Services = ["reader-command", "reader-query", "lending-command", "lending-query"];

    /// <summary>Request logging off (Warning and above): at a thousand requests a second the console would be the benchmark.</summary>
    private static readonly Dictionary<string, string> Quiet = new(StringComparer.Ordinal)
    {
        ["Serilog__MinimumLevel__Default"] = Environment.GetEnvironmentVariable("LIBRARY_BENCH_HOST_LOG_LEVEL") ?? "Warning",
    };

    public static Task<HostProcess> StartDevelopmentHostAsync(BenchmarkSettings settings, string database, string sqliteDirectory, string logName)
    {
        var environment = new Dictionary<string, string>(Quiet, StringComparer.Ordinal)
        {
            ["ConnectionStrings__ReaderCommand"] = settings.Database(database),
            ["ConnectionStrings__LendingCommand"] = settings.Database(database),
            ["ConnectionStrings__Messaging"] = settings.Database(database),
            ["ReadStore__Provider"] = "Sqlite",
            ["ReadStore__SqliteDirectory"] = sqliteDirectory,
        };
        return HostProcess.StartAsync(
            settings.HostDll("Library.Host"),
            new Uri($"http://127.0.0.1:{settings.Port}"),
            environment,
            Path.Combine(settings.WorkDirectory, logName),
            TimeSpan.FromSeconds(60));
    }

    /// <summary>
    /// The four services and the gateway as separate processes, as <c>./run.sh --services</c> runs
    /// them, on databases of their own (bench_*), a RabbitMQ exchange and queue names of their own.
    /// </summary>
    public static async Task<ServiceTopology> StartServicesAsync(BenchmarkSettings settings, TextWriter log)
    {
        var hosts = new List<HostProcess>();
        var urls = new Dictionary<string, Uri>(StringComparer.Ordinal);
        try
        {
            var starts = Services.Select(async (service, i) =>
            {
                var database = settings.Database("bench_" + service.Replace('-', '_'));
                var url = new Uri($"http://127.0.0.1:{settings.Port + 1 + i}");
                var environment = new Dictionary<string, string>(Quiet, StringComparer.Ordinal)
                {
                    ["ConnectionStrings__Messaging"] = database,
                    ["ConnectionStrings__RabbitMq"] = settings.RabbitMq.ToString(),
                    ["Messaging__RabbitMq__Exchange"] = "library.bench",
                    ["Messaging__GroupNamePrefix"] = "bench",
                    ["ReadStore__Provider"] = "Sqlite",
                    ["ReadStore__SqliteDirectory"] = Path.Combine(settings.WorkDirectory, "services", service, "sqlite"),
                };
                if (service is "reader-command")
                {
                    environment["ConnectionStrings__ReaderCommand"] = database;
                }
                else if (service is "lending-command")
                {
                    environment["ConnectionStrings__LendingCommand"] = database;
                }

                var project = "Library." + string.Concat(service.Split('-').Select(part => char.ToUpperInvariant(part[0]) + part[1..])) + ".Host";
                var host = await HostProcess.StartAsync(settings.HostDll(project), url, environment, Path.Combine(settings.WorkDirectory, service + ".log"), TimeSpan.FromSeconds(60));
                lock (hosts)
                {
                    hosts.Add(host);
                    urls[service] = url;
                }
            }).ToList();
            await Task.WhenAll(starts);

            var gatewayEnvironment = new Dictionary<string, string>(Quiet, StringComparer.Ordinal);
            foreach (var (service, url) in urls)
            {
                gatewayEnvironment["Services__" + service] = url.ToString().TrimEnd('/');
            }

            var gateway = await HostProcess.StartAsync(
                settings.HostDll("Library.Gateway"),
                new Uri($"http://127.0.0.1:{settings.Port + 1 + Services.Length}"),
                gatewayEnvironment,
                Path.Combine(settings.WorkDirectory, "gateway.log"),
                TimeSpan.FromSeconds(60));
            hosts.Add(gateway);
            log.WriteLine($"four services and the gateway ready; gateway on {gateway.BaseAddress}");
            return new ServiceTopology(gateway.BaseAddress, hosts);
        }
        catch
        {
            await new ServiceTopology(new Uri("http://127.0.0.1"), hosts).DisposeAsync();
            throw;
        }
    }
}

internal sealed class ServiceTopology(Uri gateway, IReadOnlyList<HostProcess> hosts) : IAsyncDisposable
{
    public Uri Gateway { get; } = gateway;

    public async ValueTask DisposeAsync()
    {
        foreach (var host in hosts.Reverse())
        {
            await host.DisposeAsync();
        }
    }
}
