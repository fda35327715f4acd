using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Library.Benchmarks;

/// <summary>
/// Drives one lookup with wrk (a C load generator, so the load is not a .NET process competing with the
/// host for the same cores): <c>reads.lua</c> sets the access token and walks the lookup's paths from a
/// file, and its <c>done()</c> prints a JSON line parsed here. Also records the CPU the host, wrk and the
/// whole machine used during the run (from /proc and getrusage), which shows where the cores went.
/// </summary>
internal static partial class WrkLoad
{
    /// <summary>A path list stops here if it has not come round to its first path before (the reader lookups repeat after every reader).</summary>
    private const int MaxPaths = 200_000;

    /// <summary>Writes the lookup's paths, request index 0, 1, 2, ... until the first one comes round again.</summary>
    public static async Task<int> WritePathsAsync(Lookup lookup, string file)
    {
        var first = lookup.Path(0);
        var paths = new List<string> { first };
        for (var i = 1; i < MaxPaths; i++)
        {
            var path = lookup.Path(i);
            if (path == first)
            {
                break;
            }

            paths.Add(path);
        }

        await File.WriteAllLinesAsync(file, paths);
        return paths.Count;
    }

    /// <param name="wrk">The wrk executable.</param>
    /// <param name="script">reads.lua.</param>
    /// <param name="baseAddress">The host's address.</param>
    /// <param name="pathsFile">One request path a line, from <see cref="WritePathsAsync"/>.</param>
    /// <param name="tokenFile">The access token on its first line; it must outlive <paramref name="duration"/>.</param>
    /// <param name="connections">Open connections, each with one request in flight: the concurrent clients.</param>
    /// <param name="threads">wrk's event-loop threads, the connections shared among them.</param>
    /// <param name="duration">How long wrk sends.</param>
    /// <param name="host">The host under load, whose CPU is measured.</param>
    public static async Task<WrkSummary> RunAsync(
        string wrk, string script, Uri baseAddress, string pathsFile, string tokenFile, int connections, int threads, TimeSpan duration, HostProcess host)
    {
        var start = new ProcessStartInfo(wrk)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "-t", threads.ToString(CultureInfo.InvariantCulture),
            "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-d", string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0}s"),
            "--timeout", "30s",
            "--latency",
            "-s", script,
            baseAddress.ToString().TrimEnd('/'),
            "--", pathsFile, tokenFile, threads.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        var machineBefore = MachineCpu();
        var hostBefore = host.CpuTime();
        var childrenBefore = ChildrenCpu();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {wrk}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var wall = clock.Elapsed.TotalSeconds;
        var hostCpu = (host.CpuTime() - hostBefore).TotalSeconds;
        var wrkCpu = (ChildrenCpu() - childrenBefore).TotalSeconds;
        var machineAfter = MachineCpu();
        var stdout = await output;
        var stderr = await errors;

        var json = stdout.Split('\n').FirstOrDefault(line => line.StartsWith("WRK_JSON ", StringComparison.Ordinal));
        if (process.ExitCode != 0 || json is null)
        {
            throw new InvalidOperationException($"wrk exited with {process.ExitCode} and no summary:\n{stdout}\n{stderr}");
        }

        using var document = JsonDocument.Parse(json["WRK_JSON ".Length..]);
        var root = document.RootElement;
        long Long(string name) => root.GetProperty(name).GetInt64();
        // With no answer in the run, wrk's distribution is empty and reads 0: no latency, not a fast one.
        double Ms(string name) => Long("requests") == 0 ? double.NaN : root.GetProperty(name).GetDouble() / 1000;
        var seconds = Long("durationUs") / 1e6;
        var busy = machineAfter.Busy - machineBefore.Busy;
        var total = machineAfter.Total - machineBefore.Total;
        return new WrkSummary(
            Requests: Long("requests"),
            Seconds: seconds,
            StatusErrors: Long("statusErrors"),
            SocketErrors: Long("connectErrors") + Long("readErrors") + Long("writeErrors"),
            Timeouts: Long("timeouts"),
            P50: Ms("p50Us"),
            P90: Ms("p90Us"),
            P99: Ms("p99Us"),
            Max: Ms("maxUs"),
            HostCores: hostCpu / wall,
            WrkCores: wrkCpu / wall,
            MachineCores: total == 0 ? double.NaN : Environment.ProcessorCount * (double)busy / total,
            Output: stdout.Trim());
    }

    /// <summary>The first line of /proc/stat: jiffies busy (everything but idle and iowait) and in all, over every core.</summary>
    private static (long Busy, long Total) MachineCpu()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Take(8).Sum(); // user nice system idle iowait irq softirq steal (guest is inside user)
        return (total - fields[3] - fields[4], total);
    }

    /// <summary>User and system CPU of this process's children that have ended and been waited for: wrk, once it has exited.</summary>
    private static unsafe TimeSpan ChildrenCpu()
    {
        // struct rusage on 64-bit Linux: ru_utime and ru_stime (timeval: seconds, microseconds), then 14 longs.
        var usage = stackalloc long[18];
        if (GetRUsage(RUsageChildren, usage) != 0)
        {
            return TimeSpan.Zero;
        }

        return TimeSpan.FromSeconds(usage[0] + usage[2] + ((usage[1] + usage[3]) / 1e6));
    }

    private const int RUsageChildren = -1;

    [LibraryImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static unsafe partial int GetRUsage(int who, long* usage);
}

/// <param name="Requests">Responses wrk read, whatever their status.</param>
/// <param name="Seconds">The run's duration as wrk measured it.</param>
/// <param name="StatusErrors">Responses with a status of 400 or more (wrk's errors.status).</param>
/// <param name="SocketErrors">Connect, read and write errors.</param>
/// <param name="Timeouts">Requests unanswered after 30 s.</param>
/// <param name="P50">Median latency in milliseconds, from wrk's --latency distribution (from the request's send; wrk does not correct for coordinated omission, at saturation there is none to correct).</param>
/// <param name="P90">90th percentile, in milliseconds.</param>
/// <param name="P99">99th percentile, in milliseconds.</param>
/// <param name="Max">Slowest response, in milliseconds.</param>
/// <param name="HostCores">The host's CPU during the run, in cores (1.0 = one core all the time).</param>
/// <param name="WrkCores">wrk's CPU, in cores.</param>
/// <param name="MachineCores">Every process's CPU on the machine (others' included: it is shared), in cores.</param>
/// <param name="Output">wrk's report as printed.</param>
internal sealed record WrkSummary(
    long Requests,
    double Seconds,
    long StatusErrors,
    long SocketErrors,
    long Timeouts,
    double P50,
    double P90,
    double P99,
    double Max,
    double HostCores,
    double WrkCores,
    double MachineCores,
    string Output)
{
    public long Failures => StatusErrors + SocketErrors + Timeouts;

    /// <summary>The host's CPU per response (the run's wall time taken as wrk's duration).</summary>
    public double HostCpuMsPerRequest => Requests == 0 ? double.NaN : HostCores * Seconds * 1000 / Requests;

    /// <summary>Answers with a status below 400 per second.</summary>
    public double SucceededPerSecond => (Requests - StatusErrors) / Seconds;

    public override string ToString() =>
        FormattableString.Invariant($"{Requests} requests, {StatusErrors} status ≥ 400, {SocketErrors} socket errors, {Timeouts} timeouts, {SucceededPerSecond:0}/s succeeded, p50 {P50:0.00} ms, p90 {P90:0.00} ms, p99 {P99:0.00} ms, max {Max:0.0} ms; CPU in cores: host {HostCores:0.00}, wrk {WrkCores:0.00}, machine {MachineCores:0.00}");
}
