using System.Net;
using System.Text.Json.Nodes;

namespace Library.IntegrationTests;

/// <summary>Registers readers with valid defaults that a test overrides field by field.</summary>
public static class ReaderScenario
{
    private static int _sequence;

    public static Dictionary<string, object?> ValidRegistration(string? email = null) => new()
    {
        ["name"] = "Ada Lovelace",
        ["email"] = email ?? $"reader{Interlocked.Increment(ref _sequence)}-{Guid.NewGuid():N}@example.org",
        ["phoneNumber"] = "+48123456789",
        ["birthDate"] = "1990-12-10",
        ["gdprConsent"] = true,
        ["marketingConsent"] = false,
        ["interests"] = new[] { "science fiction", "history" },
    };

    public static async Task<JsonObject> Register(this HttpClient client, Dictionary<string, object?>? body = null)
    {
        var response = await client.PostJson("/api/readers", body ?? ValidRegistration());
        return await response.ShouldBe(HttpStatusCode.Created);
    }

    /// <summary>Reads the reader from the query side once it reflects at least <paramref name="version"/>.</summary>
    public static Task<JsonObject> ReadReaderAtVersion(this HttpClient client, string readerId, long version) =>
        Eventually.Until(
            async () =>
            {
                var response = await client.GetAsync($"/api/readers/{readerId}");
                return response.StatusCode == HttpStatusCode.OK ? await response.Json() : null;
            },
            reader => reader is not null && (long)reader["version"]! >= version,
            what: $"reader {readerId} at version {version} on the query side")!;
}
