using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Library.Benchmarks;

/// <summary>The few calls the benchmarks make, over one pooled HTTP client, signed in as the admin.</summary>
internal sealed class LibraryApi(Uri baseAddress) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly string[] Authors = ["Bench Author"];

    private readonly Uri _baseAddress = baseAddress;

    private readonly HttpClient _http = new(new TokenHandler(BenchIdentity.Admin, BenchIdentity.AdminPassword)
    {
        InnerHandler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 512,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        },
    })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public async Task<string> RegisterReaderAsync(int n)
    {
        var body = new
        {
            name = $"Bench Reader {n}",
            email = $"bench-{n}-{Guid.NewGuid():N}@example.org",
            birthDate = "1990-01-01",
            gdprConsent = true,
        };
        return (string)(await PostAsync("/api/readers", body, HttpStatusCode.Created))["readerId"]!;
    }

    public async Task AddBookAsync(string isbn, string title) =>
        await PostAsync("/api/books", new { isbn, title, authors = Authors, genre = "Benchmark" }, HttpStatusCode.Created);

    public async Task AddCopyAsync(string isbn, string barcode) =>
        await PostAsync($"/api/books/{isbn}/copies", new { barcode }, HttpStatusCode.Created);

    /// <summary>One checkout; the loan's id on 201, else null. Refusals count as failures, so the seed must make every checkout valid.</summary>
    public async Task<string?> CheckoutAsync(string readerId, string barcode)
    {
        using var response = await _http.PostAsJsonAsync("/api/loans", new { readerId, barcode }, Json);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            return null;
        }

        var loan = await response.Content.ReadFromJsonAsync<JsonObject>(Json);
        return (string?)loan?["loanId"];
    }

    /// <summary>Whether the query side serves the loan yet.</summary>
    public async Task<bool> LoanIsReadableAsync(string loanId)
    {
        using var response = await _http.GetAsync($"/api/loans/{loanId}", HttpCompletionOption.ResponseHeadersRead);
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>A GET whose body is read and dropped; true on 200.</summary>
    public async Task<bool> GetOkAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        _ = await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode == HttpStatusCode.OK;
    }

    public async Task<HttpStatusCode> CheckoutStatusAsync(string readerId, string barcode)
    {
        using var response = await _http.PostAsJsonAsync("/api/loans", new { readerId, barcode }, Json);
        return response.StatusCode;
    }

    /// <summary>Raises the loan limit so a few hundred readers can carry a whole run's checkouts.</summary>
    public async Task SetMaxActiveLoansAsync(int maxActiveLoans)
    {
        using var current = await _http.GetAsync("/api/lending-policy");
        current.EnsureSuccessStatusCode();
        var policy = (await current.Content.ReadFromJsonAsync<JsonObject>(Json))!;
        policy["maxActiveLoans"] = maxActiveLoans;
        policy.Remove("version");
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/lending-policy") { Content = JsonContent.Create(policy, options: Json) };
        request.Headers.IfMatch.Add(current.Headers.ETag ?? throw new InvalidOperationException("The policy has no ETag."));
        using var response = await _http.SendAsync(request);
        await EnsureAsync(response, HttpStatusCode.OK);
    }

    /// <summary>Copies of a book the query side counts (its read model has caught up when this reaches the seed's number).</summary>
    public async Task<int> CopiesOnQuerySideAsync(string isbn)
    {
        using var response = await _http.GetAsync($"/api/books/{isbn}");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return 0;
        }

        var book = (await response.Content.ReadFromJsonAsync<JsonObject>(Json))!;
        return (int)book["copiesTotal"]!;
    }

    /// <summary>All loans the query side's statistics have counted so far.</summary>
    public async Task<int> LoansCountedAsync()
    {
        using var response = await _http.GetAsync("/api/stats/loans");
        await EnsureAsync(response, HttpStatusCode.OK);
        var stats = (await response.Content.ReadFromJsonAsync<JsonObject>(Json))!;
        return stats["loansPerMonth"]!.AsArray().Sum(month => (int)month!["loans"]!);
    }

    /// <summary>
    /// A fresh access token for the admin, for a load generator that sets the header itself (wrk), with
    /// how long it lives; unlike this client, such a generator cannot sign in again when it expires.
    /// </summary>
    public async Task<(string Token, TimeSpan ExpiresIn)> FreshAccessTokenAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        return await TokenHandler.GrantAsync(http.SendAsync, new Uri(_baseAddress, "/connect/token"), BenchIdentity.Admin, BenchIdentity.AdminPassword, CancellationToken.None);
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonObject> PostAsync(string path, object body, HttpStatusCode expected)
    {
        using var response = await _http.PostAsJsonAsync(path, body, Json);
        await EnsureAsync(response, expected);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Json)) ?? [];
    }

    private static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}

internal static class Isbns
{
    /// <summary>A valid ISBN-13 (978 prefix, check digit computed) for a number.</summary>
    public static string For(long n)
    {
        var body = "978" + (n % 1_000_000_000).ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
        var sum = body.Select((c, i) => (c - '0') * (i % 2 == 0 ? 1 : 3)).Sum();
        return body + ((10 - sum % 10) % 10).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
