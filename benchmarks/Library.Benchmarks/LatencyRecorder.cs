using System.Collections.Concurrent;

namespace Library.Benchmarks;

/// <summary>Latencies of one run, measured from each request's scheduled start so a stalled server cannot hide its queueing (no coordinated omission).</summary>
internal sealed class LatencyRecorder
{
    private readonly ConcurrentBag<(double AtSeconds, double Milliseconds, bool Succeeded)> _samples = [];

    public int Count => _samples.Count;

    public void Record(double atSeconds, double milliseconds, bool succeeded) => _samples.Add((atSeconds, milliseconds, succeeded));

    public LatencySummary Summarize(double durationSeconds)
    {
        var all = _samples.ToArray();
        var succeeded = all.Where(s => s.Succeeded).Select(s => s.Milliseconds).Order().ToArray();
        var seconds = Math.Max(1, (int)Math.Ceiling(durationSeconds));
        var perSecond = new int[seconds];
        foreach (var sample in all.Where(s => s.Succeeded))
        {
            perSecond[Math.Clamp((int)sample.AtSeconds, 0, seconds - 1)]++;
        }

        // Requests still being answered after the run count against its rate: the achieved rate is over
        // the time until the last success, so a server that only queues cannot look like it keeps up.
        var lastSuccess = all.Where(s => s.Succeeded).Select(s => s.AtSeconds + (s.Milliseconds / 1000)).DefaultIfEmpty(0).Max();
        return new LatencySummary(
            Requests: all.Length,
            Failures: all.Length - succeeded.Length,
            AchievedPerSecond: succeeded.Length / Math.Max(durationSeconds, lastSuccess),
            P50: Percentile(succeeded, 0.50),
            P95: Percentile(succeeded, 0.95),
            P99: Percentile(succeeded, 0.99),
            Max: succeeded.Length == 0 ? double.NaN : succeeded[^1],
            SucceededPerSecond: perSecond);
    }

    private static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
}

/// <param name="Requests">Sent, failed ones included.</param>
/// <param name="Failures">Failed or unanswered.</param>
/// <param name="AchievedPerSecond">Successes per second, over the run's duration or until the last success if that came later.</param>
/// <param name="P50">Median latency of the successes, in milliseconds; likewise the other percentiles and the maximum.</param>
/// <param name="P95">95th percentile, in milliseconds.</param>
/// <param name="P99">99th percentile, in milliseconds.</param>
/// <param name="Max">Slowest success, in milliseconds.</param>
/// <param name="SucceededPerSecond">Successes by the second (from the run's start) each request was scheduled or started in: the throughput over time.</param>
internal sealed record LatencySummary(int Requests, int Failures, double AchievedPerSecond, double P50, double P95, double P99, double Max, IReadOnlyList<int> SucceededPerSecond)
{
    public override string ToString() =>
        FormattableString.Invariant($"{Requests} requests, {Failures} failed, {AchievedPerSecond:0}/s achieved, p50 {P50:0.0} ms, p95 {P95:0.0} ms, p99 {P99:0.0} ms, max {Max:0.0} ms");
}
