using System.Globalization;
using System.Text;

namespace Library.Benchmarks;

/// <summary>Writes <c>latest.md</c>: what ran, where, and the numbers.</summary>
internal static class MarkdownReport
{
    public static string Write(BenchmarkSettings settings, IReadOnlyList<RateResult> checkout, DateTimeOffset startedAt)
    {
        var text = new StringBuilder();
        text.AppendLine("# Library benchmarks: latest run");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- Run at {startedAt:yyyy-MM-dd HH:mm} UTC, commit `{settings.Commit}`.");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {MachineInfo.Describe()}. Client, services and databases share it.");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Each rate offered for {settings.Duration.TotalSeconds:0} s as an open loop; latency counts from each request's scheduled start.");
        text.AppendLine();
        text.AppendLine("## 1. Checkout through HTTP (development host)");
        text.AppendLine();
        text.AppendLine("| offered / s | achieved / s | p50 ms | p95 ms | p99 ms | max ms | failed |");
        text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (offered, latency) in checkout)
        {
            var label = offered == 0 ? $"saturation ({settings.SaturationWorkers} workers)" : offered.ToString("0", CultureInfo.InvariantCulture);
            text.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {latency.AchievedPerSecond:0} | {latency.P50:0.0} | {latency.P95:0.0} | {latency.P99:0.0} | {latency.Max:0.0} | {latency.Failures} |");
        }

        text.AppendLine();
        text.AppendLine("Scenarios 2 (event path), 3 (read path with a large store) and 4 (memory and start-up), the");
        text.AppendLine("pgbench baseline and the charts are not measured by this harness yet.");

        Directory.CreateDirectory(settings.ResultsDirectory);
        var path = Path.Combine(settings.ResultsDirectory, "latest.md");
        File.WriteAllText(path, text.ToString());
        return path;
    }
}
