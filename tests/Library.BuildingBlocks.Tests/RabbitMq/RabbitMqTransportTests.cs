using System.Collections.Concurrent;
using DotNetCore.CAP.Messages;
using Library.BuildingBlocks.Messaging.RabbitMq;
using Microsoft.Extensions.Logging.Abstractions;

namespace Library.BuildingBlocks.Tests.RabbitMq;

/// <summary>Our CAP transport against a real RabbitMQ and CAP's real PostgreSQL outbox and inbox.</summary>
public sealed class RabbitMqTransportTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly string _run = Guid.NewGuid().ToString("N")[..10];
    private string _postgres = "";

    public async ValueTask InitializeAsync() => _postgres = await TestBroker.CreateDatabaseAsync();

    public async ValueTask DisposeAsync() => await TestBroker.DropDatabaseAsync(_postgres);

    [Fact]
    public async Task Published_events_reach_the_subscriber_through_the_exchange_and_the_group_queue()
    {
        var options = TestBroker.Options(TestBroker.ConnectionString, $"test.{_run}");
        await using var node = await CapNode.StartAsync(_postgres, options, $"delivery{_run}");
        await Eventually.Until(() => TestBroker.ConsumersAsync(options.ConnectionString, CapNode.QueueOf($"delivery{_run}")), c => c == 1, Deadline, "consumer ready");

        var ids = Enumerable.Range(0, 50).Select(i => $"ping-{i}").ToList();
        foreach (var id in ids)
        {
            await node.Publisher.PublishAsync(PingSubscriber.Topic, new Ping(id));
        }

        await Eventually.Until(() => Task.FromResult(node.Received.Distinct), n => n == ids.Count, Deadline, "all pings handled");
        Assert.Equal(ids.Order(), node.Received.Snapshot.Keys.Order());
        Assert.All(node.Received.Snapshot.Values, count => Assert.Equal(1, count));

        // Every delivery was acknowledged: nothing waits in the queue.
        await Eventually.Until(async () => (await TestBroker.InspectQueueAsync(options.ConnectionString, CapNode.QueueOf($"delivery{_run}"))).MessageCount, n => n == 0, Deadline);
    }

    [Fact]
    public async Task A_consumer_that_crashes_before_acknowledging_leaves_the_message_to_be_delivered_again()
    {
        var options = TestBroker.Options(TestBroker.ConnectionString, $"test.{_run}");
        var group = $"redelivery{_run}";
        await using var publishing = new RabbitMqPublisherConnection(options);
        await using var transport = new RabbitMqTransport(options, publishing, NullLogger<RabbitMqTransport>.Instance);
        await using var consuming = new RabbitMqConsumerConnection(options);

        // First consumer: receives, and "crashes" before CAP stored the message, so it never commits.
        var crashed = new RabbitMqConsumerClient(options, consuming, group, NullLogger<RabbitMqConsumerClient>.Instance);
        var firstDeliveries = new ConcurrentQueue<(TransportMessage Message, RabbitMqConsumerClient.Delivery Delivery)>();
        crashed.OnMessageCallback = (message, sender) =>
        {
            firstDeliveries.Enqueue((message, (RabbitMqConsumerClient.Delivery)sender!));
            return Task.CompletedTask;
        };
        await crashed.SubscribeAsync(["test.redelivery"]);
        using var stopCrashed = new CancellationTokenSource();
        var crashedListening = crashed.ListeningAsync(TimeSpan.FromSeconds(1), stopCrashed.Token);
        await Eventually.Until(() => TestBroker.ConsumersAsync(options.ConnectionString, group), c => c == 1, Deadline, "first consumer ready");

        var messageId = Guid.NewGuid().ToString();
        var sent = await transport.SendAsync(new TransportMessage(
            new Dictionary<string, string?> { [Headers.MessageId] = messageId, [Headers.MessageName] = "test.redelivery" },
            "{\"id\":\"r\"}"u8.ToArray()));
        Assert.True(sent.Succeeded, sent.ToString());

        await Eventually.Until(() => Task.FromResult(firstDeliveries.Count), n => n == 1, Deadline, "first delivery");
        var (first, firstDelivery) = firstDeliveries.Single();
        Assert.False(firstDelivery.Redelivered);
        Assert.Equal(messageId, first.GetId());
        Assert.Equal(group, first.GetGroup());

        await stopCrashed.CancelAsync();
        await crashedListening;
        await crashed.DisposeAsync();

        // Second consumer of the same group gets the same message again, marked redelivered, and acknowledges it.
        await using var survivor = new RabbitMqConsumerClient(options, consuming, group, NullLogger<RabbitMqConsumerClient>.Instance);
        var secondDeliveries = new ConcurrentQueue<(TransportMessage Message, RabbitMqConsumerClient.Delivery Delivery)>();
        survivor.OnMessageCallback = async (message, sender) =>
        {
            await survivor.CommitAsync(sender);
            secondDeliveries.Enqueue((message, (RabbitMqConsumerClient.Delivery)sender!));
        };
        await survivor.SubscribeAsync(["test.redelivery"]);
        using var stopSurvivor = new CancellationTokenSource();
        var survivorListening = survivor.ListeningAsync(TimeSpan.FromSeconds(1), stopSurvivor.Token);

        await Eventually.Until(() => Task.FromResult(secondDeliveries.Count), n => n == 1, Deadline, "redelivery");
        var (again, againDelivery) = secondDeliveries.Single();
        Assert.True(againDelivery.Redelivered);
        Assert.Equal(messageId, again.GetId());
        Assert.Equal(first.Body.ToArray(), again.Body.ToArray());

        // Acknowledged: once the survivor is gone too, nothing comes back to the queue.
        await stopSurvivor.CancelAsync();
        await survivorListening;
        await Eventually.Until(() => TestBroker.ConsumersAsync(options.ConnectionString, group), c => c == 0, Deadline);
        Assert.Equal(0u, (await TestBroker.InspectQueueAsync(options.ConnectionString, group)).MessageCount);
    }

    [Fact]
    public async Task Two_instances_of_one_service_share_its_queue_and_handle_each_event_once_overall()
    {
        var options = TestBroker.Options(TestBroker.ConnectionString, $"test.{_run}");
        var prefix = $"shared{_run}";
        await using var first = await CapNode.StartAsync(_postgres, options, prefix);
        await using var second = await CapNode.StartAsync(_postgres, options, prefix);
        await Eventually.Until(() => TestBroker.ConsumersAsync(options.ConnectionString, CapNode.QueueOf(prefix)), c => c == 2, Deadline, "both instances consuming");

        var ids = Enumerable.Range(0, 200).Select(i => $"shared-{i}").ToList();
        foreach (var id in ids)
        {
            await first.Publisher.PublishAsync(PingSubscriber.Topic, new Ping(id));
        }

        await Eventually.Until(() => Task.FromResult(first.Received.Total + second.Received.Total), n => n >= ids.Count, Deadline, "all pings handled");
        var handled = first.Received.Snapshot.Concat(second.Received.Snapshot).ToList();
        Assert.Equal(ids.Order(), handled.Select(h => h.Key).Order());
        Assert.All(handled, h => Assert.Equal(1, h.Value));
        Assert.True(first.Received.Distinct > 0 && second.Received.Distinct > 0, $"The broker shares the queue: {first.Received.Distinct} and {second.Received.Distinct}.");
    }

    [Fact]
    public async Task A_send_to_an_unreachable_broker_fails_so_the_outbox_keeps_the_message()
    {
        var options = TestBroker.Options("amqp://guest:guest@127.0.0.1:1/", $"test.{_run}");
        await using var publishing = new RabbitMqPublisherConnection(options);
        await using var transport = new RabbitMqTransport(options, publishing, NullLogger<RabbitMqTransport>.Instance);

        var sent = await transport.SendAsync(new TransportMessage(
            new Dictionary<string, string?> { [Headers.MessageId] = "1", [Headers.MessageName] = "test.unreachable" },
            "{}"u8.ToArray()));

        Assert.False(sent.Succeeded);
        var health = await new RabbitMqHealthCheck(publishing).CheckHealthAsync(new());
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, health.Status);
    }
}
