using System.Collections.Concurrent;

namespace Library.Benchmarks;

/// <summary>Latencies of one run, measured from each request's scheduled start so a stalled server cannot hide its queueing (no coordinated omission).</summary>
internal sealed class LatencyRecorder
{
    private readonly ConcurrentBag<(double AtSeconds, double Milliseconds, bool Succeeded)> _samples = [];

    public void Record(double atSeconds, double milliseconds, bool succeeded) => _samples.Add((atSeconds, milliseconds, succeeded));

    public LatencySummary Summarize(double durationSeconds)
    {
        var all = _samples.ToArray();
        var succeeded = all.Where(s => s.Succeeded).Select(s => s.Milliseconds).Order().ToArray();
        return new LatencySummary(
            Requests: all.Length,
            Failures: all.Length - succeeded.Length,
            AchievedPerSecond: succeeded.Length / durationSeconds,
            P50: Percentile(succeeded, 0.50),
            P95: Percentile(succeeded, 0.95),
            P99: Percentile(succeeded, 0.99),
            Max: succeeded.Length == 0 ? double.NaN : succeeded[^1]);
    }

    private static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
}

internal sealed record LatencySummary(int Requests, int Failures, double AchievedPerSecond, double P50, double P95, double P99, double Max);
