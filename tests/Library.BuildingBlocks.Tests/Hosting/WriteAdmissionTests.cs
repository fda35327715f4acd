using System.Net;
using Library.BuildingBlocks.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Library.BuildingBlocks.Tests.Hosting;

/// <summary>Writes beyond what the service admits are refused at once, before touching anything; reads are never held back.</summary>
public sealed class WriteAdmissionTests
{
    [Fact]
    public async Task A_write_beyond_the_admitted_and_queued_ones_is_refused_with_503_busy_while_reads_go_through()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["Server:WriteAdmission:MaxConcurrent"] = "1";
        builder.Configuration["Server:WriteAdmission:QueueLimit"] = "0";
        builder.AddLibraryHost("admission-test");
        await using var app = builder.Build();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.UseLibraryHost();
        app.MapPost("/slow", async () =>
        {
            entered.TrySetResult();
            await release.Task;
            return TypedResults.Ok();
        });
        app.MapGet("/read", () => TypedResults.Ok());
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        var first = client.PostAsync("/slow", null, TestContext.Current.CancellationToken);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        using var refused = await client.PostAsync("/slow", null, TestContext.Current.CancellationToken);
        using var read = await client.GetAsync("/read", TestContext.Current.CancellationToken);
        release.SetResult();
        using var admitted = await first;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("1", refused.Headers.RetryAfter?.ToString());
        Assert.Contains("\"code\":\"server.busy\"", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }
}
