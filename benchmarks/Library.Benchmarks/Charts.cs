using System.Globalization;
using ScottPlot;

namespace Library.Benchmarks;

internal sealed record ChartFiles(string CheckoutLatency, string CheckoutThroughput, string EventPath, string ReadPath);

/// <summary>The PNG charts beside latest.md; a chart whose scenario did not run shows only its title.</summary>
internal static class Charts
{
    private const int Width = 900;
    private const int Height = 500;

    public static ChartFiles Write(BenchmarkResults results, string directory)
    {
        var files = new ChartFiles("checkout-latency.png", "checkout-throughput.png", "event-path.png", "read-path.png");
        CheckoutLatency(results.Checkout).SavePng(Path.Combine(directory, files.CheckoutLatency), Width, Height);
        CheckoutThroughput(results.Checkout).SavePng(Path.Combine(directory, files.CheckoutThroughput), Width, Height);
        EventPath(results).SavePng(Path.Combine(directory, files.EventPath), Width, Height);
        ReadPath(results.Reads).SavePng(Path.Combine(directory, files.ReadPath), Width, Height);
        return files;
    }

    private static string Label(RateResult rate) =>
        rate.IsSaturation ? "saturation" : rate.OfferedPerSecond.ToString("0", CultureInfo.InvariantCulture) + "/s";

    private static Plot CheckoutLatency(IReadOnlyList<RateResult>? checkout)
    {
        var plot = new Plot();
        plot.Title("Checkout latency by offered rate (development host)");
        plot.YLabel("milliseconds (log scale)");
        if (checkout is null)
        {
            return plot;
        }

        GroupedBars(
            plot,
            [.. checkout.Select(Label)],
            [
                ("p50", [.. checkout.Select(r => r.Latency.P50)]),
                ("p95", [.. checkout.Select(r => r.Latency.P95)]),
                ("p99", [.. checkout.Select(r => r.Latency.P99)]),
            ],
            logScale: true);
        return plot;
    }

    private static Plot CheckoutThroughput(IReadOnlyList<RateResult>? checkout)
    {
        var plot = new Plot();
        plot.Title("Checkouts completed per second over each run (development host)");
        plot.XLabel("second of the run");
        plot.YLabel("successful checkouts / s");
        if (checkout is null)
        {
            return plot;
        }

        foreach (var rate in checkout)
        {
            var perSecond = rate.Latency.SucceededPerSecond;
            var line = plot.Add.Scatter(Enumerable.Range(0, perSecond.Count).Select(s => (double)s).ToArray(), perSecond.Select(c => (double)c).ToArray());
            line.LegendText = "offered " + Label(rate);
        }

        plot.ShowLegend(Alignment.UpperLeft);
        plot.Axes.SetLimitsY(0, checkout.Max(r => r.Latency.SucceededPerSecond.DefaultIfEmpty(0).Max()) * 1.15);
        return plot;
    }

    private static Plot EventPath(BenchmarkResults results)
    {
        var plot = new Plot();
        plot.Title("Commit to readable on the query side, p50 and p99 by offered rate");
        plot.YLabel("milliseconds (log scale)");
        var rates = results.Settings.Rates;
        double Value(IReadOnlyList<RateResult>? runs, double rate, Func<LatencySummary, double> pick) =>
            runs.At(rate)?.Visibility is { } v ? pick(v) : double.NaN;
        var series = new List<(string, double[])>();
        foreach (var (name, runs) in new[] { ("development host", results.Checkout), ("four services + RabbitMQ", results.Services), ("bare RabbitMQ", results.Broker) })
        {
            if (runs is not null)
            {
                series.Add(($"{name} p50", [.. rates.Select(r => Value(runs, r, v => v.P50))]));
                series.Add(($"{name} p99", [.. rates.Select(r => Value(runs, r, v => v.P99))]));
            }
        }

        if (series.Count > 0)
        {
            GroupedBars(plot, [.. rates.Select(r => r.ToString("0", CultureInfo.InvariantCulture) + "/s")], series, logScale: true);
        }

        return plot;
    }

    private static Plot ReadPath(ReadPathResult? reads)
    {
        var plot = new Plot();
        plot.Title("Read path with the large store: requests per second at saturation");
        plot.YLabel("requests / s (log scale)");
        if (reads is null)
        {
            return plot;
        }

        string[] names = [.. reads.Lookups.Select(l => l.Name.Replace("GET ", "", StringComparison.Ordinal))];
        GroupedBars(
            plot,
            names,
            [
                ("through HTTP, wrk", [.. reads.Lookups.Select((_, i) => reads.Wrk.ElementAtOrDefault(i)?.SucceededPerSecond ?? double.NaN)]),
                ("through HTTP, .NET client", [.. reads.Lookups.Select((_, i) => reads.Http.ElementAtOrDefault(i)?.AchievedPerSecond ?? double.NaN)]),
                ("direct to the adapter", [.. reads.Direct.Select(d => d.AchievedPerSecond)]),
            ],
            logScale: true);
        return plot;
    }

    /// <summary>One group of bars per category, one colour per series; a log scale draws log10 values with readable ticks.</summary>
    private static void GroupedBars(Plot plot, string[] categories, List<(string Name, double[] Values)> series, bool logScale)
    {
        var palette = new ScottPlot.Palettes.Category10();
        var bars = new List<Bar>();
        var width = 0.8 / series.Count;
        for (var s = 0; s < series.Count; s++)
        {
            var color = palette.GetColor(s);
            for (var c = 0; c < categories.Length; c++)
            {
                var value = series[s].Values[c];
                if (double.IsNaN(value) || value <= 0)
                {
                    continue;
                }

                bars.Add(new Bar
                {
                    Position = c - 0.4 + (width * (s + 0.5)),
                    Value = logScale ? Math.Log10(value) : value,
                    ValueBase = logScale ? Math.Log10(0.1) : 0,
                    Size = width * 0.9,
                    FillColor = color,
                });
            }

            plot.Legend.ManualItems.Add(new LegendItem { LabelText = series[s].Name, FillColor = color });
        }

        plot.Add.Bars(bars);
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, categories.Length).Select(c => (double)c)], categories);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.HideGrid();
        plot.ShowLegend(Alignment.UpperLeft);
        if (logScale)
        {
            var top = bars.Count == 0 ? 1 : Math.Ceiling(bars.Max(b => b.Value) + 0.3);
            var decades = Enumerable.Range(-1, (int)top + 2).Select(e => (double)e).ToArray();
            plot.Axes.Left.SetTicks(decades, [.. decades.Select(e => Math.Pow(10, e).ToString("0.#", CultureInfo.InvariantCulture))]);
            plot.Axes.SetLimitsY(-1, top + 0.6);
        }
    }
}
