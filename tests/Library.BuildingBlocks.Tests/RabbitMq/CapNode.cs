using System.Collections.Concurrent;
using DotNetCore.CAP;
using DotNetCore.CAP.Persistence;
using Library.BuildingBlocks.Messaging.RabbitMq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Library.BuildingBlocks.Tests.RabbitMq;

public sealed record Ping(string Id);

/// <summary>Every ping a node's subscriber handled, and how often.</summary>
internal sealed class ReceivedPings
{
    private readonly ConcurrentDictionary<string, int> _handled = new(StringComparer.Ordinal);

    public int Distinct => _handled.Count;

    public int Total => _handled.Values.Sum();

    public IReadOnlyDictionary<string, int> Snapshot => new Dictionary<string, int>(_handled, StringComparer.Ordinal);

    public void Record(string id) => _handled.AddOrUpdate(id, 1, (_, count) => count + 1);
}

internal sealed class PingSubscriber(ReceivedPings received) : ICapSubscribe
{
    public const string Topic = "test.ping";

    [CapSubscribe(Topic, Group = "pings")]
    public void Handle(Ping ping) => received.Record(ping.Id);
}

/// <summary>
/// A process's worth of CAP as the services use it: PostgreSQL outbox and inbox, our RabbitMQ
/// transport, and a subscriber in group "pings" (whose queue is "{prefix}.pings.v1").
/// </summary>
internal sealed class CapNode : IAsyncDisposable
{
    private readonly IHost _host;

    private CapNode(IHost host) => _host = host;

    public ReceivedPings Received => _host.Services.GetRequiredService<ReceivedPings>();

    public ICapPublisher Publisher => _host.Services.GetRequiredService<ICapPublisher>();

    public static string QueueOf(string groupPrefix) => $"{groupPrefix}.pings.v1";

    public static async Task<CapNode> StartAsync(string postgres, RabbitMqOptions rabbitMq, string groupPrefix)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<ReceivedPings>();
        builder.Services.AddTransient<PingSubscriber>();
        builder.Services.AddCap(cap =>
        {
            cap.UsePostgreSql(postgres);
            cap.UseRabbitMqTransport(rabbitMq);
            cap.GroupNamePrefix = groupPrefix;
            cap.FailedRetryInterval = 1;
            cap.FallbackWindowLookbackSeconds = 2;
        });
        var host = builder.Build();
        await host.Services.GetRequiredService<IStorageInitializer>().InitializeAsync(CancellationToken.None);
        await host.StartAsync();
        return new CapNode(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
