namespace Library.BuildingBlocks.Tests.RabbitMq;

/// <summary>The broker goes away in the middle of a stream of events; the outbox and the consumer's reconnect lose nothing.</summary>
public sealed class BrokerRestartTests : IAsyncLifetime
{
    private const int PrivatePort = 56730;

    private readonly string _run = Guid.NewGuid().ToString("N")[..10];
    private string _postgres = "";
    private PrivateBroker? _broker;

    public async ValueTask InitializeAsync()
    {
        _postgres = await TestBroker.CreateDatabaseAsync();
        _broker = await PrivateBroker.StartAsync(PrivatePort);
    }

    public async ValueTask DisposeAsync()
    {
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }

        await TestBroker.DropDatabaseAsync(_postgres);
    }

    [Fact]
    public async Task Events_published_while_the_broker_restarts_are_all_delivered()
    {
        var broker = _broker!;
        var options = TestBroker.Options(broker.ConnectionString, $"test.{_run}");
        var prefix = $"restart{_run}";
        await using var node = await CapNode.StartAsync(_postgres, options, prefix);
        await Eventually.Until(() => TestBroker.ConsumersAsync(options.ConnectionString, CapNode.QueueOf(prefix)), c => c == 1, TimeSpan.FromSeconds(30), "consumer ready");

        var ids = Enumerable.Range(0, 300).Select(i => $"restart-{i}").ToList();
        using var publishing = new CancellationTokenSource();
        var publisher = Task.Run(async () =>
        {
            foreach (var id in ids)
            {
                await node.Publisher.PublishAsync(PingSubscriber.Topic, new Ping(id));
                await Task.Delay(10);
            }
        });

        await Eventually.Until(() => Task.FromResult(node.Received.Distinct), n => n >= 30, TimeSpan.FromSeconds(30), "first pings through");
        await broker.StopAsync();
        var handledWhileUp = node.Received.Distinct;
        await broker.StartAsync();
        await publisher;

        Assert.True(handledWhileUp < ids.Count, "The restart happened while events were still being published.");
        await Eventually.Until(() => Task.FromResult(node.Received.Distinct), n => n == ids.Count, TimeSpan.FromSeconds(90), "every ping after the restart");
        Assert.Equal(ids.Order(), node.Received.Snapshot.Keys.Order());
    }
}
