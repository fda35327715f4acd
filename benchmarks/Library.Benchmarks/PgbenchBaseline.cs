using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Library.Benchmarks;

/// <summary>
/// Scenario 1's baseline: pgbench running benchmarks/pgbench/checkout.sql (a checkout's statements)
/// against the same PostgreSQL and the same database the HTTP run left behind, with the host stopped.
/// </summary>
internal static partial class PgbenchBaseline
{
    public static async Task<PgbenchResult> RunAsync(BenchmarkSettings settings, string database, TextWriter log)
    {
        var connection = settings.Postgres.Split(';').Select(part => part.Split('=', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        string[] server = ["-h", connection["Host"], "-p", connection["Port"], "-U", connection["Username"]];
        var scripts = Path.Combine(settings.RepositoryRoot, "benchmarks", "pgbench");
        // Every checkout takes a fresh copy; more than PostgreSQL alone can check out on this kind of machine.
        var copies = (int)Math.Max(50_000, 5_000 * settings.Duration.TotalSeconds);

        await RunAsync("psql", [.. server, "-d", database, "-v", "ON_ERROR_STOP=1", "-q", "-v", $"copies={copies}", "-f", Path.Combine(scripts, "setup.sql")]);
        var readers = (await RunAsync("psql", [.. server, "-d", database, "-Atc", "SELECT count(*) FROM public.pgbench_readers"])).Trim();
        var output = await RunAsync("pgbench", [
            .. server, "-n", "-c", settings.PgbenchClients.ToString(CultureInfo.InvariantCulture), "-j", "2",
            "-T", ((int)settings.Duration.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            "-D", $"readers={readers}", "-f", Path.Combine(scripts, "checkout.sql"), database]);
        var tps = double.Parse(Tps().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var latency = double.Parse(AverageLatency().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var failed = Failed().Match(output) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var result = new PgbenchResult(settings.PgbenchClients, tps, latency, failed);
        log.WriteLine($"pgbench checkout script, {result.Clients} clients: {result.TransactionsPerSecond:0} tps, average latency {result.AverageLatencyMs:0.0} ms, {result.Failed} failed");
        return result;
    }

    private static async Task<string> RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} exited with {process.ExitCode}: {await stderr}");
        }

        return await stdout;
    }

    [GeneratedRegex(@"tps = ([0-9.]+)")]
    private static partial Regex Tps();

    [GeneratedRegex(@"latency average = ([0-9.]+) ms")]
    private static partial Regex AverageLatency();

    [GeneratedRegex(@"number of failed transactions: ([0-9]+)")]
    private static partial Regex Failed();
}

internal sealed record PgbenchResult(int Clients, double TransactionsPerSecond, double AverageLatencyMs, int Failed);
