using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Library.BrowserTests;

/// <summary>The HTTP API, for setting the scene a browser test then works in (as another desk would have).</summary>
public sealed class Api(string baseUrl, string username, string password) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(baseUrl) };
    private string? _token;

    public void Dispose() => _http.Dispose();

    public static async Task<Api> AsAdminAsync(string baseUrl)
    {
        var api = new Api(baseUrl, "admin", BrowserAppFactory.AdminPassword);
        await api.SignInAsync();
        return api;
    }

    public async Task SignInAsync()
    {
        using var response = await _http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "library-cli",
            ["username"] = username,
            ["password"] = password,
        }));
        response.EnsureSuccessStatusCode();
        _token = (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!;
    }

    public async Task<JsonObject> SendAsync(HttpMethod method, string path, object? body = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject();
    }

    public Task<JsonObject> PostAsync(string path, object? body = null) => SendAsync(HttpMethod.Post, path, body);

    public Task<JsonObject> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    /// <summary>A reader with a password, readable on every side, returned as (id, number).</summary>
    public async Task<(string Id, string Number)> ReaderAsync(string name, string password)
    {
        var email = $"{name.Replace(' ', '.').ToLowerInvariant()}-{Guid.NewGuid():N}"[..24] + "@example.org";
        var reader = await PostAsync("/api/readers", new { name, email, birthDate = "1990-05-01", gdprConsent = true });
        var id = (string)reader["readerId"]!;
        await Eventually.Until(() => TryGetAsync($"/api/readers/{id}"), r => r is not null, what: $"reader {id} on the query side");
        await SendAsync(HttpMethod.Put, $"/api/readers/{id}/credentials", new { password });
        return (id, (string)reader["readerNumber"]!);
    }

    public async Task<(string Isbn, string[] Barcodes)> BookAsync(string title, int copies)
    {
        var isbn = Isbns.Next();
        await PostAsync("/api/books", new { isbn, title, authors = new[] { "A. Author" }, genre = "Fiction" });
        var barcodes = new List<string>();
        for (var i = 0; i < copies; i++)
        {
            var barcode = $"BT-{Guid.NewGuid():N}"[..12].ToUpperInvariant();
            await PostAsync($"/api/books/{isbn}/copies", new { barcode });
            barcodes.Add(barcode);
        }

        return (isbn, [.. barcodes]);
    }

    /// <summary>A POST that may be refused while the services catch up (a reader not yet known to the Lending service).</summary>
    public async Task<JsonObject?> TryPostAsync(string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        using var response = await _http.SendAsync(request);
        return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject() : null;
    }

    public async Task<JsonObject?> TryGetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        using var response = await _http.SendAsync(request);
        return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject() : null;
    }
}

/// <summary>Valid ISBN-13s (978 prefix, computed check digit), unique per test run.</summary>
public static class Isbns
{
    private static int _next = Random.Shared.Next(100_000, 800_000);

    public static string Next()
    {
        var body = $"978{Interlocked.Increment(ref _next):D9}";
        var sum = body.Select((c, i) => (c - '0') * (i % 2 == 0 ? 1 : 3)).Sum();
        return body + ((10 - (sum % 10)) % 10);
    }
}
