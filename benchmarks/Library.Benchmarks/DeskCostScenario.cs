using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Library.Benchmarks;

/// <summary>
/// What the desk's three circulation requests cost, side by side on one development host in this process:
/// a checkout (the baseline), a check-in by barcode (<c>POST /api/checkins</c>: finds the copy's open loan,
/// locks loan, title and copy, looks for a waiting hold) and a return by loan id (<c>POST
/// /api/loans/{id}/return</c>: the same return without the barcode lookup). Each worker has its own reader and
/// copy and runs checkout → check-in or checkout → return; blocks of the two pairs alternate, the order swapped
/// each round, so the machine's drift falls on both. Latency is per request, closed loop (one request in flight
/// per worker); CPU is the benchmark process's (the host and its projections included) per request.
/// </summary>
internal sealed class DeskCostScenario(BenchmarkSettings settings)
{
    public const string Checkout = "checkout";
    public const string CheckIn = "check-in by barcode";
    public const string Return = "return by loan id";

    private const int Rounds = 6;
    private const int WarmUp = 200;
    private static readonly int[] Concurrencies = [1, 8];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly string[] Authors = ["Bench Author"];

    public async Task<DeskCostResult> RunAsync(TextWriter log)
    {
        var perBlock = Math.Max(100, (int)settings.Duration.TotalSeconds * 20);
        await using var host = new SignInCostScenario.BenchHostFactory(settings, "bench_desk", presetPrincipal: false);
        using var client = host.CreateDefaultClient(new Uri("http://localhost"), new TokenHandler(BenchIdentity.Admin, BenchIdentity.AdminPassword));
        var desks = await PrepareAsync(client, Concurrencies.Max());
        await RunBlockAsync(client, desks, byBarcode: true, 1, WarmUp, new Recorders());
        await RunBlockAsync(client, desks, byBarcode: false, 1, WarmUp, new Recorders());

        var rows = new List<DeskCostRow>();
        foreach (var concurrency in Concurrencies)
        {
            var withCheckIn = new Recorders();
            var withReturn = new Recorders();
            for (var round = 0; round < Rounds; round++)
            {
                foreach (var byBarcode in round % 2 == 0 ? [true, false] : new[] { false, true })
                {
                    await RunBlockAsync(client, desks, byBarcode, concurrency, perBlock, byBarcode ? withCheckIn : withReturn);
                }
            }

            var checkout = withCheckIn.Checkout.Merge(withReturn.Checkout);
            rows.Add(new DeskCostRow(Checkout, concurrency, checkout.Summarize(), checkout.CpuMsPerRequest));
            rows.Add(new DeskCostRow(CheckIn, concurrency, withCheckIn.Closing.Summarize(), withCheckIn.Closing.CpuMsPerRequest));
            rows.Add(new DeskCostRow(Return, concurrency, withReturn.Closing.Summarize(), withReturn.Closing.CpuMsPerRequest));
            foreach (var row in rows.TakeLast(3))
            {
                log.WriteLine($"desk, {row.Operation}, {concurrency} worker(s): p50 {row.Latency.P50:0.00} ms, p99 {row.Latency.P99:0.00} ms, {row.CpuMs:0.00} ms CPU per request");
            }
        }

        return new DeskCostResult(rows, Rounds, perBlock);
    }

    private static async Task<List<(string ReaderId, string Barcode)>> PrepareAsync(HttpClient client, int workers)
    {
        var isbn = Isbns.For(Random.Shared.NextInt64(1, 999_999_999));
        await EnsureAsync(await client.PostAsJsonAsync("/api/books", new { isbn, title = "Desk cost", authors = Authors, genre = "Benchmark" }, Json), HttpStatusCode.Created);
        var desks = new List<(string, string)>();
        for (var i = 0; i < workers; i++)
        {
            var barcode = $"DESK-{isbn}-{i}";
            await EnsureAsync(await client.PostAsJsonAsync($"/api/books/{isbn}/copies", new { barcode }, Json), HttpStatusCode.Created);
            var reader = await EnsureAsync(
                await client.PostAsJsonAsync("/api/readers", new { name = $"Desk Reader {i}", email = $"desk-{i}-{Guid.NewGuid():N}@example.org", birthDate = "1990-01-01", gdprConsent = true }, Json),
                HttpStatusCode.Created);
            desks.Add(((string)reader["readerId"]!, barcode));
        }

        // The Lending service learns of new readers from reader.registered: wait until it lends to the last one.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var probe = await client.PostAsJsonAsync("/api/loans", new { readerId = desks[^1].Item1, barcode = desks[^1].Item2 }, Json);
            if (probe.StatusCode == HttpStatusCode.Created)
            {
                var loan = JsonNode.Parse(await probe.Content.ReadAsStringAsync())!;
                await EnsureAsync(await client.PostAsync($"/api/loans/{loan["loanId"]}/return", null), HttpStatusCode.OK);
                return desks;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The Lending service did not learn of the benchmark's readers: {(int)probe.StatusCode}.");
            }

            await Task.Delay(100);
        }
    }

    private static async Task RunBlockAsync(HttpClient client, List<(string ReaderId, string Barcode)> desks, bool byBarcode, int concurrency, int count, Recorders into)
    {
        var next = -1;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var (readerId, barcode) = desks[worker];
            while (Interlocked.Increment(ref next) < count)
            {
                var started = Stopwatch.GetTimestamp();
                using var checkout = await client.PostAsJsonAsync("/api/loans", new { readerId, barcode }, Json);
                into.Checkout.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                var loan = await EnsureAsync(checkout, HttpStatusCode.Created);

                started = Stopwatch.GetTimestamp();
                using var closing = byBarcode
                    ? await client.PostAsJsonAsync("/api/checkins", new { barcode }, Json)
                    : await client.PostAsync($"/api/loans/{loan["loanId"]}/return", null);
                into.Closing.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                await EnsureAsync(closing, HttpStatusCode.OK);
            }
        }));

        // The block's CPU is split between its checkouts and its closing requests by their share of the wall time
        // (an estimate: the two alternate in every worker, so neither can be measured alone).
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var checkoutShare = into.Checkout.BlockMs / Math.Max(1e-9, into.Checkout.BlockMs + into.Closing.BlockMs);
        into.Checkout.EndBlock(cpu * checkoutShare);
        into.Closing.EndBlock(cpu * (1 - checkoutShare));
    }

    private static async Task<JsonObject> EnsureAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        return response.StatusCode == expected
            ? JsonNode.Parse(body)?.AsObject() ?? []
            : throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}");
    }

    private sealed class Recorders
    {
        public Operation Checkout { get; } = new();

        public Operation Closing { get; } = new();
    }

    /// <summary>One request kind's latencies and CPU across blocks.</summary>
    private sealed class Operation
    {
        private readonly List<double> _samples = [];
        private double _blockMs;
        private TimeSpan _cpu;

        /// <summary>Wall time of this kind's requests in the current block, summed over the workers.</summary>
        public double BlockMs
        {
            get
            {
                lock (_samples)
                {
                    return _blockMs;
                }
            }
        }

        public double CpuMsPerRequest => _samples.Count == 0 ? double.NaN : _cpu.TotalMilliseconds / _samples.Count;

        public void Record(double milliseconds)
        {
            lock (_samples)
            {
                _samples.Add(milliseconds);
                _blockMs += milliseconds;
            }
        }

        public void EndBlock(TimeSpan cpu)
        {
            _cpu += cpu;
            _blockMs = 0;
        }

        public Operation Merge(Operation other)
        {
            var merged = new Operation { _cpu = _cpu + other._cpu };
            merged._samples.AddRange(_samples);
            merged._samples.AddRange(other._samples);
            return merged;
        }

        public LatencySummary Summarize()
        {
            var recorder = new LatencyRecorder();
            foreach (var sample in _samples)
            {
                recorder.Record(0, sample, succeeded: true);
            }

            return recorder.Summarize(1);
        }
    }
}

internal sealed record DeskCostRow(string Operation, int Concurrency, LatencySummary Latency, double CpuMs);

/// <param name="Rows">Per request kind and number of workers.</param>
/// <param name="Rounds">Alternating blocks per kind.</param>
/// <param name="RequestsPerBlock">Checkouts per block, each followed by its check-in or return.</param>
internal sealed record DeskCostResult(IReadOnlyList<DeskCostRow> Rows, int Rounds, int RequestsPerBlock);
