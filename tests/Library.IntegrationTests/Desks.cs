using System.Net;
using System.Text.Json.Nodes;

namespace Library.IntegrationTests;

/// <summary>Several desks sending at the same instant.</summary>
public static class Desks
{
    /// <summary>
    /// Releases every request at the same instant and returns the answers in the order given, none of
    /// them a 5xx. A gate rather than a barrier: twenty threads blocked in a barrier would wait for the
    /// thread pool to grow.
    /// </summary>
    public static async Task<List<(HttpStatusCode Status, JsonObject Body)>> AtOnce(params Func<Task<HttpResponseMessage>>[] requests)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sent = requests.Select(async request =>
        {
            await gate.Task;
            return await request();
        }).ToList();
        gate.SetResult();
        var responses = await Task.WhenAll(sent);
        var bodies = await responses.BodiesAsync();
        Assert.All(bodies, b => Assert.True((int)b.Status < 500, $"{(int)b.Status}: {b.Body.ToJsonString()}"));
        return bodies;
    }
}
