extern alias LibraryHost;

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Library.Benchmarks;

/// <summary>
/// What signing in adds to a checkout: the same development host, in this process, twice. One validates
/// each request's access token as in production (signature, issuer, audience, lifetime); the other has the
/// validation scheme's handler swapped for one that hands back the admin's claims without looking at the
/// token. Both get the same request with the same <c>Authorization</c> header and go through the same
/// authorization policies, so the difference is the token's validation. Blocks of checkouts alternate
/// between the two (the order swapped each round) so that drift of the machine falls on both; each
/// checkout's loan is returned, untimed, so one copy per worker serves the whole run.
/// </summary>
internal sealed class SignInCostScenario(BenchmarkSettings settings)
{
    private const int Rounds = 6;
    private const int WarmUp = 300;
    private static readonly int[] Concurrencies = [1, 8];

    /// <summary>A checkout (its return untimed): the request a desk makes most.</summary>
    private const string Checkout = "checkout";

    /// <summary>The cheapest signed-in request (no store touched): the validation's share at its largest.</summary>
    private const string Me = "GET /api/me";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly string[] Authors = ["Bench Author"];

    public async Task<SignInCostResult> RunAsync(TextWriter log)
    {
        var perBlock = Math.Max(100, (int)settings.Duration.TotalSeconds * 40);
        await using var validated = new BenchHostFactory(settings, "bench_signin_validated", presetPrincipal: false);
        await using var preset = new BenchHostFactory(settings, "bench_signin_preset", presetPrincipal: true);
        var variants = new[] { await Variant.StartAsync(validated, Concurrencies.Max()), await Variant.StartAsync(preset, Concurrencies.Max()) };
        try
        {
            foreach (var variant in variants)
            {
                await variant.RunBlockAsync(Checkout, 1, WarmUp, new LatencyRecorder());
                await variant.RunBlockAsync(Me, 1, WarmUp, new LatencyRecorder());
            }

            var rows = new List<SignInCostRow>();
            foreach (var (operation, concurrency) in Concurrencies.Select(c => (Checkout, c)).Append((Me, 1)))
            {
                var recorders = variants.Select(_ => new LatencyRecorder()).ToArray();
                var cpu = new TimeSpan[variants.Length];
                var operations = new int[variants.Length];
                for (var round = 0; round < Rounds; round++)
                {
                    foreach (var index in round % 2 == 0 ? [0, 1] : new[] { 1, 0 })
                    {
                        var before = Process.GetCurrentProcess().TotalProcessorTime;
                        operations[index] += await variants[index].RunBlockAsync(operation, concurrency, perBlock, recorders[index]);
                        cpu[index] += Process.GetCurrentProcess().TotalProcessorTime - before;
                    }
                }

                var withToken = recorders[0].Summarize(1);
                var without = recorders[1].Summarize(1);
                rows.Add(new SignInCostRow(
                    operation,
                    concurrency,
                    withToken,
                    without,
                    cpu[0].TotalMilliseconds / operations[0],
                    cpu[1].TotalMilliseconds / operations[1]));
                log.WriteLine($"sign-in cost, {operation}, {concurrency} worker(s): p50 {withToken.P50:0.00} ms validated vs {without.P50:0.00} ms preset, p99 {withToken.P99:0.00} vs {without.P99:0.00} ms");
            }

            return new SignInCostResult(rows, Rounds, perBlock);
        }
        finally
        {
            foreach (var variant in variants)
            {
                variant.Dispose();
            }
        }
    }

    /// <summary>One host with a reader and a copy per worker, each worker checking its copy out and back in.</summary>
    private sealed class Variant(HttpClient client, IReadOnlyList<(string ReaderId, string Barcode)> desks) : IDisposable
    {
        public static async Task<Variant> StartAsync(BenchHostFactory factory, int workers)
        {
            var client = factory.CreateDefaultClient(new Uri("http://localhost"), new TokenHandler(BenchIdentity.Admin, BenchIdentity.AdminPassword));
            var isbn = Isbns.For(Random.Shared.NextInt64(1, 999_999_999));
            await EnsureAsync(await client.PostAsJsonAsync("/api/books", new { isbn, title = "Sign-in cost", authors = Authors, genre = "Benchmark" }, Json), HttpStatusCode.Created);
            var desks = new List<(string, string)>();
            for (var i = 0; i < workers; i++)
            {
                var barcode = $"SIGNIN-{isbn}-{i}";
                await EnsureAsync(await client.PostAsJsonAsync($"/api/books/{isbn}/copies", new { barcode }, Json), HttpStatusCode.Created);
                var reader = await EnsureAsync(
                    await client.PostAsJsonAsync("/api/readers", new { name = $"Sign-in Reader {i}", email = $"signin-{i}-{Guid.NewGuid():N}@example.org", birthDate = "1990-01-01", gdprConsent = true }, Json),
                    HttpStatusCode.Created);
                desks.Add(((string)reader["readerId"]!, barcode));
            }

            return new Variant(client, desks);
        }

        /// <returns>Operations made (each checkout also returned).</returns>
        public async Task<int> RunBlockAsync(string operation, int concurrency, int count, LatencyRecorder recorder)
        {
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
            {
                var (readerId, barcode) = desks[worker];
                while (Interlocked.Increment(ref next) < count)
                {
                    if (operation == Me)
                    {
                        var asked = Stopwatch.GetTimestamp();
                        using var me = await client.GetAsync("/api/me");
                        var took = Stopwatch.GetElapsedTime(asked).TotalMilliseconds;
                        await EnsureAsync(me, HttpStatusCode.OK);
                        recorder.Record(0, took, succeeded: true);
                        continue;
                    }

                    var started = Stopwatch.GetTimestamp();
                    using var checkout = await client.PostAsJsonAsync("/api/loans", new { readerId, barcode }, Json);
                    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    var loan = await EnsureAsync(checkout, HttpStatusCode.Created);
                    recorder.Record(0, elapsed, succeeded: true);
                    using var returned = await client.PostAsync($"/api/loans/{loan["loanId"]}/return", null);
                    await EnsureAsync(returned, HttpStatusCode.OK);
                }
            }));
            return count;
        }

        public void Dispose() => client.Dispose();

        private static async Task<JsonObject> EnsureAsync(HttpResponseMessage response, HttpStatusCode expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            return response.StatusCode == expected
                ? JsonNode.Parse(body)?.AsObject() ?? []
                : throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}");
        }
    }

    /// <summary>The development host in this process, configured as the benchmark's other hosts are.</summary>
    internal sealed class BenchHostFactory(BenchmarkSettings settings, string database, bool presetPrincipal) : WebApplicationFactory<LibraryHost::Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSolutionRelativeContentRoot(Path.Combine("Hosts", "Library.Host"));
            foreach (var name in new[] { "ReaderCommand", "LendingCommand", "Messaging", "Identity" })
            {
                builder.UseSetting($"ConnectionStrings:{name}", settings.Database(database));
            }

            builder.UseSetting("Database:MigrateOnStartup", "true");
            builder.UseSetting("ReadStore:Provider", "Sqlite");
            builder.UseSetting("ReadStore:SqliteDirectory", Path.Combine(settings.WorkDirectory, database, "sqlite"));
            builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            builder.UseSetting("Server:CallerWriteLimit:PermitsPerSecond", "0");
            foreach (var (key, value) in BenchIdentity.ServerSettings(settings.WorkDirectory))
            {
                builder.UseSetting(key.Replace("__", ":", StringComparison.Ordinal), value);
            }

            if (presetPrincipal)
            {
                builder.ConfigureTestServices(services => services.PostConfigure<AuthenticationOptions>(options =>
                    options.SchemeMap[Library.BuildingBlocks.Hosting.Security.LibraryAuthentication.Scheme].HandlerType = typeof(PresetPrincipalHandler)));
            }
        }
    }

    /// <summary>
    /// The baseline's handler: the principal the real validation produces for the admin's token (its
    /// claims read once, on the first request, from the token's payload, unverified), every time after.
    /// </summary>
    private sealed class PresetPrincipalHandler : IAuthenticationHandler
    {
        private static ClaimsPrincipal? _preset;
        private AuthenticationScheme _scheme = null!;
        private HttpContext _context = null!;

        public Task InitializeAsync(AuthenticationScheme scheme, HttpContext context)
        {
            (_scheme, _context) = (scheme, context);
            return Task.CompletedTask;
        }

        public Task<AuthenticateResult> AuthenticateAsync()
        {
            var header = _context.Request.Headers.Authorization.ToString();
            if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            _preset ??= FromPayload(header["Bearer ".Length..]);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(_preset, _scheme.Name)));
        }

        public Task ChallengeAsync(AuthenticationProperties? properties)
        {
            _context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }

        public Task ForbidAsync(AuthenticationProperties? properties)
        {
            _context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }

        private static ClaimsPrincipal FromPayload(string token)
        {
            var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            var claims = JsonNode.Parse(Convert.FromBase64String(payload))!.AsObject();
            var identity = new ClaimsIdentity("Bearer", "name", "role");
            foreach (var type in new[] { "sub", "role", "name" })
            {
                if (claims[type] is JsonValue value)
                {
                    identity.AddClaim(new Claim(type, (string)value!));
                }
            }

            return new ClaimsPrincipal(identity);
        }
    }
}

internal sealed record SignInCostRow(string Operation, int Concurrency, LatencySummary Validated, LatencySummary Preset, double ValidatedCpuMs, double PresetCpuMs);

/// <param name="Rows">One per number of concurrent workers.</param>
/// <param name="Rounds">Alternating blocks per variant.</param>
/// <param name="CheckoutsPerBlock">Operations per block (each checkout returned).</param>
internal sealed record SignInCostResult(IReadOnlyList<SignInCostRow> Rows, int Rounds, int CheckoutsPerBlock);
