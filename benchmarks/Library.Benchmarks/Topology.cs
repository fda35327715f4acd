namespace Library.Benchmarks;

/// <summary>The processes a scenario measures: the development host, or the four services behind the gateway over RabbitMQ.</summary>
internal static class Topology
{
    /// <summary>Created afresh by run.sh for every run, like the four service databases below.</summary>
    public const string DevelopmentDatabase = "library_bench";

    private static readonly string[] Services = ["reader-command", "reader-query", "lending-command", "lending-query", "identity"];

    /// <summary>
    /// Request logging off (Warning and above): at a thousand requests a second the console would be the
    /// benchmark. No write limit per account: the benchmark drives hundreds of checkouts a second as one
    /// admin, which a real library spreads over its desks (docs/adr/0020).
    /// </summary>
    private static readonly Dictionary<string, string> Quiet = new(StringComparer.Ordinal)
    {
        ["Serilog__MinimumLevel__Default"] = Environment.GetEnvironmentVariable("LIBRARY_BENCH_HOST_LOG_LEVEL") ?? "Warning",
        ["Server__CallerWriteLimit__PermitsPerSecond"] = "0",
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
            ["ConnectionStrings__Identity"] = settings.Database(database),
        };
        foreach (var (key, value) in BenchIdentity.ServerSettings(settings.WorkDirectory))
        {
            environment[key] = value;
        }

        return HostProcess.StartAsync(
            settings.HostDll("Library.Host"),
            new Uri($"http://127.0.0.1:{settings.Port}"),
            environment,
            Path.Combine(settings.WorkDirectory, logName),
            TimeSpan.FromSeconds(60));
    }

    private static int IdentityPort(BenchmarkSettings settings) => settings.Port + 1 + Array.IndexOf(Services, "identity");

    private static string GatewayAddress(BenchmarkSettings settings) => $"http://127.0.0.1:{settings.Port + 1 + Services.Length}";

    /// <summary>
    /// The four services, the Identity service and the gateway as separate processes, as <c>./run.sh --services</c> runs
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
                else if (service is "identity")
                {
                    environment["ConnectionStrings__Identity"] = database;
                    foreach (var (key, value) in BenchIdentity.ServerSettings(settings.WorkDirectory))
                    {
                        environment[key] = value;
                    }
                }

                // Tokens are issued for the gateway's address and validated from the Identity service's
                // keys; only the gateway may name the client.
                environment["Identity__Authority"] = $"http://127.0.0.1:{IdentityPort(settings)}/";
                environment["Identity__Issuer"] = $"{GatewayAddress(settings)}/";
                environment["Proxy__TrustedProxies__0"] = "127.0.0.1";

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
                new Uri(GatewayAddress(settings)),
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

    public IReadOnlyList<HostProcess> Hosts { get; } = hosts;

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Hosts.Reverse())
        {
            await host.DisposeAsync();
        }
    }
}
