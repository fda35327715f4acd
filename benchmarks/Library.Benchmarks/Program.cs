using Library.Benchmarks;

var settings = BenchmarkSettings.Parse(args);
var results = new BenchmarkResults(settings, DateTimeOffset.UtcNow);
var log = Console.Out;
Directory.CreateDirectory(settings.WorkDirectory);

if (settings.Runs("checkout"))
{
    // Scenarios 1, 2 and 4 on the development host, started here on a fresh database and read store.
    await using var host = await Topology.StartDevelopmentHostAsync(settings, Topology.DevelopmentDatabase, Path.Combine(settings.WorkDirectory, "dev", "sqlite"), "dev-host.log");
    results.FirstStart = host.StartToReady;
    await Task.Delay(TimeSpan.FromSeconds(2));
    results.IdleResidentMiB = host.ResidentMiB();
    log.WriteLine($"development host ready {host.StartToReady.TotalSeconds:0.00} s after start (fresh database: migrations included), {results.IdleResidentMiB:0} MiB resident when idle");

    using var api = new LibraryApi(host.BaseAddress);
    await using (var memory = new ResidentMemorySampler(host))
    {
        results.Checkout = await new CheckoutScenario(api, settings, runSaturation: true, [host]).RunAsync(log);
        results.LoadResidentMiB = memory.PeakMiB;
    }

    log.WriteLine($"development host peak resident memory under load: {results.LoadResidentMiB:0} MiB");
}

if (settings.Runs("signin"))
{
    results.SignIn = await new SignInCostScenario(settings).RunAsync(log);
}

if (settings.Runs("desk"))
{
    results.Desk = await new DeskCostScenario(settings).RunAsync(log);
}

if (settings.Runs("pgbench") && results.Checkout is not null)
{
    results.Pgbench = await PgbenchBaseline.RunAsync(settings, Topology.DevelopmentDatabase, log);
}

if (settings.Runs("broker"))
{
    results.Broker = await BrokerBaseline.RunAsync(settings.RabbitMq, settings, log);
}

if (settings.Runs("services"))
{
    await using var services = await Topology.StartServicesAsync(settings, log);
    using var api = new LibraryApi(services.Gateway);
    results.Services = await new CheckoutScenario(api, settings, runSaturation: false, services.Hosts).RunAsync(log);
}

if (settings.Runs("reads"))
{
    var reads = new ReadPathScenario(settings);
    var prepared = await reads.PrepareAndMeasureDirectAsync(log);
    await using var host = await Topology.StartDevelopmentHostAsync(settings, Topology.DevelopmentDatabase, reads.StoreDirectory, "reads-host.log");
    results.LargeStoreStart = host.StartToReady;
    log.WriteLine($"development host on the large store ready {host.StartToReady.TotalSeconds:0.00} s after start");
    using var api = new LibraryApi(host.BaseAddress);
    var measured = await ReadPathScenario.MeasureWrkAsync(prepared, api, host, settings, log);
    results.Reads = settings.ReadsDotnetClient ? await ReadPathScenario.MeasureHttpAsync(measured, api, settings, log) : measured;
}

var report = MarkdownReport.Write(results);
Console.WriteLine($"wrote {report} and its charts");
