using System.Globalization;

namespace Library.Benchmarks;

/// <summary>What one run does; every value has a command-line option (see <see cref="Parse"/>).</summary>
internal sealed record BenchmarkSettings(
    Uri BaseAddress,
    TimeSpan Duration,
    IReadOnlyList<double> Rates,
    int SaturationWorkers,
    double SaturationCeilingPerSecond,
    int Readers,
    string ResultsDirectory,
    string Commit)
{
    public static BenchmarkSettings Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Expected an option (--name value), got '{args[i]}'.");
            }

            options[args[i][2..]] = args[i + 1];
        }

        string Option(string name, string fallback) => options.TryGetValue(name, out var value) ? value : fallback;

        return new BenchmarkSettings(
            BaseAddress: new Uri(Option("base-url", "http://127.0.0.1:5090")),
            Duration: TimeSpan.FromSeconds(double.Parse(Option("duration", "10"), CultureInfo.InvariantCulture)),
            Rates: [.. Option("rates", "100,250,500,1000").Split(',').Select(rate => double.Parse(rate, CultureInfo.InvariantCulture))],
            SaturationWorkers: int.Parse(Option("saturation-workers", "64"), CultureInfo.InvariantCulture),
            SaturationCeilingPerSecond: double.Parse(Option("saturation-ceiling", "1500"), CultureInfo.InvariantCulture),
            Readers: int.Parse(Option("readers", "300"), CultureInfo.InvariantCulture),
            ResultsDirectory: Option("results", "benchmarks/results"),
            Commit: Option("commit", "unknown"));
    }
}
