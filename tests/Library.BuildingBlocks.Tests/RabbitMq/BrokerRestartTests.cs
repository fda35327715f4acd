namespace Library.BuildingBlocks.Tests.RabbitMq;

/// <summary>The broker goes away in the middle of a stream of events; the outbox and the consumer's reconnect lose nothing.</summary>
public sealed class BrokerRestartTests : IAsyncLifetime
{
    // Ten above the shared broker's port (it takes the next two), so clones running their suites side
    // by side with their own LIBRARY_TEST_RABBITMQ never start two private nodes on one port.
    private static readonly int PrivatePort = new Uri(TestServers.RabbitMq).Port + 10;

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
    public async Task Events_published_before_during_and_after_a_broker_restart_are_all_delivered()
    {
        var broker = _broker!;
        var options = TestBroker.Options(broker.ConnectionString, $"test.{_run}");
        var prefix = $"restart{_run}";
        await using var node = await CapNode.StartAsync(_postgres, options, prefix);
        await Eventually.Until(() => TestBroker.ConsumersAsync(options.ConnectionString, CapNode.QueueOf(prefix)), c => c == 1, TimeSpan.FromSeconds(30), "consumer ready");

        var published = new System.Collections.Concurrent.ConcurrentQueue<string>();
        async Task Publish(string id)
        {
            await node.Publisher.PublishAsync(PingSubscriber.Topic, new Ping(id));
            published.Enqueue(id);
        }

        for (var i = 0; i < 50; i++)
        {
            await Publish($"before-{i}");
        }

        await Eventually.Until(() => Task.FromResult(node.Received.Distinct), n => n == 50, TimeSpan.FromSeconds(30), "the pings before the restart");

        // A steady stream across the whole restart, plus a batch published while the broker is certainly down.
        using var stopStreaming = new CancellationTokenSource();
        var stream = Task.Run(async () =>
        {
            for (var i = 0; !stopStreaming.IsCancellationRequested; i++)
            {
                await Publish($"stream-{i}");
                await Task.Delay(5);
            }
        });

        await broker.StopAsync();
        for (var i = 0; i < 100; i++)
        {
            await Publish($"down-{i}");
        }

        await broker.StartAsync();
        for (var i = 0; i < 50; i++)
        {
            await Publish($"after-{i}");
        }

        await stopStreaming.CancelAsync();
        await stream;

        await Eventually.Until(() => Task.FromResult(node.Received.Distinct), n => n == published.Count, TimeSpan.FromSeconds(90), "every ping after the restart");
        Assert.Equal(published.Order(), node.Received.Snapshot.Keys.Order());
        Assert.Contains(published, id => id.StartsWith("stream-", StringComparison.Ordinal));
    }
}
