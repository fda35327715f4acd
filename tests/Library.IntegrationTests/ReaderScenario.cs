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
            () => client.GetFound($"/api/readers/{readerId}"),
            reader => reader is not null && (long)reader["version"]! >= version,
            what: $"reader {readerId} at version {version} on the query side")!;

    /// <summary>
    /// Sends the erasure and, when it is pending (202), follows its Location until the services have
    /// agreed. Returns the first answer's status and how the erasure ended: <c>completed</c>,
    /// <c>refused</c> with the Lending service's code, or, for a refusal at once (409), that problem's code.
    /// </summary>
    public static async Task<ErasureOutcome> EraseAndWait(this HttpClient client, string readerId, TimeSpan? timeout = null)
    {
        var response = await client.DeleteAsync($"/api/readers/{readerId}");
        var body = await response.Json();
        switch (response.StatusCode)
        {
            case HttpStatusCode.OK:
                Assert.Equal("completed", (string?)body["erasure"]);
                return new ErasureOutcome(response.StatusCode, "completed", null);
            case HttpStatusCode.Conflict:
                return new ErasureOutcome(response.StatusCode, "refused", (string?)body["code"]);
            case HttpStatusCode.Accepted:
                Assert.Equal("pending", (string?)body["erasure"]);
                var requestId = (string)body["requestId"]!;
                Assert.Equal($"/api/readers/{readerId}/erasure", response.Headers.Location!.ToString());
                var (status, code) = await client.ErasureEndedAsync(readerId, requestId, timeout);
                return new ErasureOutcome(response.StatusCode, status, code);
            default:
                Assert.Fail($"Erasure answered {(int)response.StatusCode}: {body.ToJsonString()}");
                return null!;
        }
    }

    /// <summary>Follows <c>GET /api/readers/{id}/erasure</c> until request <paramref name="requestId"/> is no longer pending.</summary>
    public static async Task<(string Status, string? Code)> ErasureEndedAsync(this HttpClient client, string readerId, string requestId, TimeSpan? timeout = null)
    {
        var progress = await Eventually.Until(
            () => client.GetFound($"/api/readers/{readerId}/erasure"),
            found => found is not null && (string?)found["requestId"] == requestId && (string?)found["status"] != "pending",
            timeout,
            $"erasure {requestId} of reader {readerId} to complete or be refused");
        return ((string)progress!["status"]!, (string?)progress["code"]);
    }
}

/// <summary>How an erasure request ended, and what its first answer was.</summary>
public sealed record ErasureOutcome(HttpStatusCode FirstAnswer, string Status, string? Code);
