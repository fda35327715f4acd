using System.Diagnostics;

namespace Library.Benchmarks;

/// <summary>
/// Scenarios 1 and 2: checkouts through HTTP at fixed offered rates, then at saturation. Every checkout
/// is valid (a fresh copy, a reader far below the raised loan limit), so failures are real failures.
/// At the fixed rates, about <see cref="ProbesPerSecond"/> of the checkouts each second are followed
/// to the query side: from the 201 (the commit is done) until <c>GET /api/loans/{id}</c> answers 200.
/// Each rate also reports the CPU each of <paramref name="processes"/> (and the benchmark itself) used
/// per checkout, from the rate's start until the query side has counted every loan, so the
/// projections' catching up is included.
/// </summary>
internal sealed class CheckoutScenario(LibraryApi api, BenchmarkSettings settings, bool runSaturation, IReadOnlyList<HostProcess> processes)
{
    /// <summary>The load generator's own line in the CPU figures.</summary>
    public const string BenchmarkProcess = "benchmark";

    /// <summary>Enough samples for a p99 per rate while the polling stays a small share of the load.</summary>
    private const int ProbesPerSecond = 20;
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(30);

    private const int CopiesPerBook = 200;
    /// <summary>The policy's highest allowed loan limit; each reader stays well below it.</summary>
    private const int LoanLimit = 100;
    private const int LoansPerReader = 80;

    private readonly List<string> _readers = [];
    private readonly List<string> _barcodes = [];
    private int _nextBarcode;
    private int _checkedOut;
    private long _runStarted = Stopwatch.GetTimestamp();

    public async Task<IReadOnlyList<RateResult>> RunAsync(TextWriter log)
    {
        var saturationBudget = runSaturation ? (int)(settings.SaturationCeilingPerSecond * settings.Duration.TotalSeconds) : 0;
        var needed = settings.Rates.Sum(rate => (int)(rate * settings.Duration.TotalSeconds)) + saturationBudget + settings.Readers;
        await SeedAsync(needed, Math.Max(settings.Readers, (needed / LoansPerReader) + 1), log);

        var results = new List<RateResult>();
        foreach (var rate in settings.Rates)
        {
            _runStarted = Stopwatch.GetTimestamp();
            var cpuBefore = CpuTimes();
            var checkedOutBefore = Volatile.Read(ref _checkedOut);
            log.WriteLine($"checkout at {rate}/s for {settings.Duration.TotalSeconds} s");
            var probeEvery = Math.Max(1, (int)(rate / ProbesPerSecond));
            var visibility = new LatencyRecorder();
            var probes = new List<Task>();
            var summary = await OpenLoop.RunAtRateAsync(rate, settings.Duration, i => CheckoutNextAsync(i % probeEvery == 0 ? (visibility, probes) : null));
            Task[] pending;
            lock (probes)
            {
                pending = [.. probes];
            }

            await Task.WhenAll(pending);
            var readable = visibility.Summarize(settings.Duration.TotalSeconds);
            log.WriteLine($"  {summary}");
            log.WriteLine($"  commit to readable: {readable}");
            await WaitForQuerySideAsync(log);
            var cpu = CpuPerCheckout(cpuBefore, Volatile.Read(ref _checkedOut) - checkedOutBefore);
            results.Add(new RateResult(rate, summary, readable, cpu));
            log.WriteLine($"  CPU ms per checkout: {string.Join(", ", cpu.Select(p => $"{p.Key} {p.Value:0.00}"))}");
        }

        if (!runSaturation)
        {
            return results;
        }

        log.WriteLine($"checkout at saturation ({settings.SaturationWorkers} workers) for {settings.Duration.TotalSeconds} s");
        var saturationCpu = CpuTimes();
        var saturationCheckouts = Volatile.Read(ref _checkedOut);
        var saturated = await OpenLoop.RunSaturatedAsync(settings.SaturationWorkers, settings.Duration, _ => CheckoutNextAsync(probe: null));
        await WaitForQuerySideAsync(log);
        var cpuAtSaturation = CpuPerCheckout(saturationCpu, Volatile.Read(ref _checkedOut) - saturationCheckouts);
        results.Add(new RateResult(RateResult.Saturation, saturated, Visibility: null, cpuAtSaturation));
        log.WriteLine($"  {saturated}");
        log.WriteLine($"  CPU ms per checkout: {string.Join(", ", cpuAtSaturation.Select(p => $"{p.Key} {p.Value:0.00}"))}");
        return results;
    }

    /// <summary>
    /// One checkout of the next fresh copy; null once the seed's copies are used up (never reuse a copy
    /// on loan). With a probe, a successful checkout is then followed until the query side shows it.
    /// </summary>
    private async Task<bool?> CheckoutNextAsync((LatencyRecorder Recorder, List<Task> Running)? probe)
    {
        var index = Interlocked.Increment(ref _nextBarcode);
        if (index >= _barcodes.Count)
        {
            return null;
        }

        var loanId = await api.CheckoutAsync(_readers[index % _readers.Count], _barcodes[index]);
        if (loanId is null)
        {
            return false;
        }

        var committed = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _checkedOut);
        if (probe is { } p)
        {
            var running = Task.Run(() => ProbeAsync(loanId, committed, p.Recorder));
            lock (p.Running)
            {
                p.Running.Add(running);
            }
        }

        return true;
    }

    private async Task ProbeAsync(string loanId, long committed, LatencyRecorder recorder)
    {
        var startedAt = Stopwatch.GetElapsedTime(_runStarted, committed).TotalSeconds;
        while (Stopwatch.GetElapsedTime(committed) < ProbeTimeout)
        {
            try
            {
                if (await api.LoanIsReadableAsync(loanId))
                {
                    recorder.Record(startedAt, Stopwatch.GetElapsedTime(committed).TotalMilliseconds, succeeded: true);
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // An overloaded host; keep polling until the deadline.
            }

            // Every 2 ms at first, then a quarter of the time waited so far: the error stays within 25 %
            // and a lagging query side is not flooded with polls, which would only make it lag more.
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(2, Stopwatch.GetElapsedTime(committed).TotalMilliseconds / 4)));
        }

        recorder.Record(startedAt, ProbeTimeout.TotalMilliseconds, succeeded: false);
    }

    private Dictionary<string, TimeSpan> CpuTimes()
    {
        var times = processes.ToDictionary(p => p.Name, p => p.CpuTime(), StringComparer.Ordinal);
        times[BenchmarkProcess] = Process.GetCurrentProcess().TotalProcessorTime;
        return times;
    }

    private Dictionary<string, double> CpuPerCheckout(Dictionary<string, TimeSpan> before, int checkouts)
    {
        var after = CpuTimes();
        return after.ToDictionary(p => p.Key, p => (p.Value - before[p.Key]).TotalMilliseconds / Math.Max(1, checkouts), StringComparer.Ordinal);
    }

    /// <summary>A backlogged host may answer the statistics slowly or not at all; that is "not yet".</summary>
    private async Task<int> CountedOrZeroAsync()
    {
        try
        {
            return await api.LoansCountedAsync();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            return 0;
        }
    }

    /// <summary>
    /// Each rate starts on a quiet system: the events of the rate before must have been projected, or
    /// their backlog would be measured as the next rate's latency.
    /// </summary>
    private async Task WaitForQuerySideAsync(TextWriter log)
    {
        var expected = Volatile.Read(ref _checkedOut) + 1; // the seed's probe checkout counts too
        var clock = Stopwatch.StartNew();
        while (await CountedOrZeroAsync() < expected && clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            await Task.Delay(250);
        }

        log.WriteLine($"  query side counted all {expected} loans {clock.Elapsed.TotalSeconds:0.0} s after the rate ended");
    }

    private async Task SeedAsync(int copies, int readerCount, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        await api.SetMaxActiveLoansAsync(LoanLimit);

        var readers = new string[readerCount];
        await Parallel.ForAsync(0, readerCount, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
            readers[i] = await api.RegisterReaderAsync(i));
        _readers.AddRange(readers);

        var run = DateTime.UtcNow.Ticks % 1_000_000;
        var books = (copies + CopiesPerBook - 1) / CopiesPerBook;
        var barcodes = new string[books * CopiesPerBook];
        await Parallel.ForAsync(0, books, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (b, _) =>
        {
            var isbn = Isbns.For((run * 1_000) + b);
            await api.AddBookAsync(isbn, $"Benchmark Book {b}");
            for (var c = 0; c < CopiesPerBook; c++)
            {
                var barcode = $"BENCH-{run}-{b}-{c}";
                await api.AddCopyAsync(isbn, barcode);
                barcodes[(b * CopiesPerBook) + c] = barcode;
            }
        });
        _barcodes.AddRange(barcodes);

        // Checkouts are refused as reader.not_found until the Lending service's replica has every reader:
        // the last reader registered, checked out once, says the replica has caught up.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await api.CheckoutStatusAsync(_readers[^1], _barcodes[0]) == System.Net.HttpStatusCode.NotFound && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        log.WriteLine($"seeded {readers.Length} readers and {barcodes.Length} copies of {books} books in {clock.Elapsed.TotalSeconds:0.0} s");

        // Measure a quiet system: the seed's events must have reached the query side first.
        var lastIsbn = Isbns.For((run * 1_000) + books - 1);
        var settled = Stopwatch.StartNew();
        while (await api.CopiesOnQuerySideAsync(lastIsbn) < CopiesPerBook && settled.Elapsed < TimeSpan.FromMinutes(10))
        {
            await Task.Delay(500);
        }

        log.WriteLine($"query side caught up with the seed {settled.Elapsed.TotalSeconds:0.0} s later");
    }
}

/// <param name="OfferedPerSecond"><see cref="Saturation"/> for the closed-loop run at saturation.</param>
/// <param name="Latency">The requests themselves (for the broker baseline: the confirmed publishes).</param>
/// <param name="Visibility">Commit to readable on the query side, for the probed checkouts; null at saturation.</param>
/// <param name="CpuMsPerCheckout">CPU milliseconds per checkout by process, the projections' catching up included; null where not measured (the broker baseline).</param>
internal sealed record RateResult(double OfferedPerSecond, LatencySummary Latency, LatencySummary? Visibility, IReadOnlyDictionary<string, double>? CpuMsPerCheckout = null)
{
    public const double Saturation = 0;

    public bool IsSaturation => OfferedPerSecond == Saturation;
}

internal static class RateResults
{
    /// <summary>The run at <paramref name="rate"/> (<see cref="RateResult.Saturation"/> for saturation), if there was one.</summary>
    public static RateResult? At(this IReadOnlyList<RateResult>? runs, double rate) => runs?.FirstOrDefault(r => r.OfferedPerSecond == rate);

    /// <summary>The Lending query service's consumer groups that take <c>loan.created</c>: the loans and the statistics.</summary>
    public const int LendingQueryDeliveriesPerCheckout = 2;

    /// <summary>
    /// The capacity: the highest offered rate the run served in full (at least 98 % achieved, no failure, every
    /// followed checkout readable) with both the checkout's and commit → readable p99 within
    /// <paramref name="p99BoundMs"/>; 0 when no rate did, null when nothing ran.
    /// </summary>
    public static double? Capacity(this IReadOnlyList<RateResult>? runs, double p99BoundMs) =>
        runs?.Where(r => !r.IsSaturation
                && r.Latency.Failures == 0
                && r.Latency.AchievedPerSecond >= 0.98 * r.OfferedPerSecond
                && r.Latency.P99 <= p99BoundMs
                && r.Visibility is { Failures: 0 } visibility
                && visibility.P99 <= p99BoundMs)
            .Select(r => r.OfferedPerSecond)
            .DefaultIfEmpty(0)
            .Max();
}
