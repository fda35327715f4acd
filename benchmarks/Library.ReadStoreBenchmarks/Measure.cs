using System.Diagnostics;

namespace Library.ReadStoreBenchmarks;

/// <summary>Workers of one kind in a phase: each runs its operation in a closed loop until the phase ends.</summary>
internal sealed record Workers(string Name, int Count, Func<int, long, Task> Operation);

/// <summary>What one kind of worker did in one phase: every operation's latency, in Stopwatch ticks.</summary>
internal sealed class Samples
{
    private readonly List<long> _latencies = [];

    public long Operations => _latencies.Count;

    public void Add(IEnumerable<long> latencies) => _latencies.AddRange(latencies);

    public double PercentileMs(double percentile)
    {
        if (_latencies.Count == 0)
        {
            return double.NaN;
        }

        _latencies.Sort();
        var index = (int)Math.Clamp(Math.Ceiling(percentile / 100 * _latencies.Count) - 1, 0, _latencies.Count - 1);
        return _latencies[index] * 1000.0 / Stopwatch.Frequency;
    }
}

/// <summary>A phase's totals over every round it ran in: wall time, process CPU time and each kind of worker's samples.</summary>
internal sealed class PhaseTotals
{
    public TimeSpan Elapsed { get; set; }

    public TimeSpan Cpu { get; set; }

    public Dictionary<string, Samples> ByWorkers { get; } = new(StringComparer.Ordinal);

    public long Operations => ByWorkers.Values.Sum(s => s.Operations);

    public double OpsPerSecond(string workers) => ByWorkers[workers].Operations / Elapsed.TotalSeconds;

    /// <summary>Process CPU time (every thread: callers, the stores' own threads, the GC) per operation of any kind.</summary>
    public double CpuMicrosecondsPerOperation => Operations == 0 ? double.NaN : Cpu.TotalMicroseconds / Operations;
}

internal static class Measure
{
    /// <summary>
    /// Runs every worker for <paramref name="duration"/> and adds what they did to <paramref name="totals"/>
    /// (null: a warm-up, discarded). Each operation starts after a yield, as a request or a delivery is a
    /// work item of its own: a store whose reads complete synchronously must not keep a thread to one loop.
    /// </summary>
    public static async Task RunAsync(IReadOnlyList<Workers> workers, TimeSpan duration, PhaseTotals? totals)
    {
        var cpuBefore = ProcessCpu();
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var runs = workers.SelectMany(kind => Enumerable.Range(0, kind.Count).Select(worker => (kind.Name, Task: Task.Run(async () =>
        {
            var latencies = new List<long>(4096);
            for (long i = 0; Stopwatch.GetTimestamp() < deadline; i++)
            {
                await Task.Yield();
                var start = Stopwatch.GetTimestamp();
                await kind.Operation(worker, i);
                latencies.Add(Stopwatch.GetTimestamp() - start);
            }

            return latencies;
        })))).ToList();

        await Task.WhenAll(runs.Select(r => r.Task));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpu = ProcessCpu() - cpuBefore;
        if (totals is null)
        {
            return;
        }

        totals.Elapsed += elapsed;
        totals.Cpu += cpu;
        foreach (var (name, task) in runs)
        {
            if (!totals.ByWorkers.TryGetValue(name, out var samples))
            {
                totals.ByWorkers[name] = samples = new Samples();
            }

            samples.Add(task.Result);
        }
    }

    public static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>The 1-, 5- and 15-minute load averages, as <c>uptime</c> shows them.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
