using System.Collections.Concurrent;
using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Library.Benchmarks;

/// <summary>
/// The event path's floor: a bare RabbitMQ.Client publish to consume round trip on the same broker,
/// with the guarantees our transport keeps (durable queue, persistent message, publisher confirm
/// awaited, manual ack), offered at the same rates as an open loop.
/// </summary>
internal static class BrokerBaseline
{
    public static async Task<IReadOnlyList<RateResult>> RunAsync(Uri broker, BenchmarkSettings settings, TextWriter log)
    {
        var factory = new ConnectionFactory { Uri = broker, ClientProvidedName = "library-benchmark" };
        await using var connection = await factory.CreateConnectionAsync();
        var queue = $"library.benchmark.{Guid.NewGuid():N}";
        await using var consumerChannel = await connection.CreateChannelAsync();
        await consumerChannel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: true);
        await consumerChannel.BasicQosAsync(0, 32, global: false);

        var sentAt = new ConcurrentDictionary<string, long>();
        var recorders = new ConcurrentDictionary<string, (LatencyRecorder Recorder, long RunStarted)>();
        var consumer = new AsyncEventingBasicConsumer(consumerChannel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            var received = Stopwatch.GetTimestamp();
            var id = delivery.BasicProperties.MessageId!;
            if (sentAt.TryRemove(id, out var sent) && recorders.TryGetValue(delivery.BasicProperties.CorrelationId!, out var run))
            {
                run.Recorder.Record(Stopwatch.GetElapsedTime(run.RunStarted, sent).TotalSeconds, Stopwatch.GetElapsedTime(sent, received).TotalMilliseconds, succeeded: true);
            }

            await consumerChannel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        };
        await consumerChannel.BasicConsumeAsync(queue, autoAck: false, consumer);

        // Our transport publishes over a small pool of confirm channels; so does the baseline.
        var publishers = new Channel[4];
        for (var i = 0; i < publishers.Length; i++)
        {
            publishers[i] = new Channel(await connection.CreateChannelAsync(new CreateChannelOptions(
                publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)));
        }

        var body = new byte[600]; // about the size of a loan.created event
        var results = new List<RateResult>();
        try
        {
            foreach (var rate in settings.Rates)
            {
                var run = rate.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var recorder = new LatencyRecorder();
                var runStarted = Stopwatch.GetTimestamp();
                recorders[run] = (recorder, runStarted);
                var publishes = await OpenLoop.RunAtRateAsync(rate, settings.Duration, async i =>
                {
                    var id = $"{run}-{i}";
                    var properties = new BasicProperties { MessageId = id, CorrelationId = run, Persistent = true };
                    sentAt[id] = Stopwatch.GetTimestamp();
                    var channel = publishers[i % publishers.Length];
                    await channel.Gate.WaitAsync();
                    try
                    {
                        await channel.Model.BasicPublishAsync(string.Empty, queue, mandatory: true, properties, body);
                    }
                    finally
                    {
                        channel.Gate.Release();
                    }

                    return true;
                });

                var deadline = Stopwatch.StartNew();
                while (recorder.Count < publishes.Requests - publishes.Failures && deadline.Elapsed < TimeSpan.FromSeconds(30))
                {
                    await Task.Delay(10);
                }

                var roundTrip = recorder.Summarize(settings.Duration.TotalSeconds);
                results.Add(new RateResult(rate, publishes, roundTrip));
                log.WriteLine($"bare RabbitMQ at {rate}/s: publish (confirmed) {publishes}");
                log.WriteLine($"  publish to consume: {roundTrip}");
            }
        }
        finally
        {
            foreach (var publisher in publishers)
            {
                await publisher.Model.DisposeAsync();
            }
        }

        return results;
    }

    /// <summary>A channel is not safe for concurrent publishes; one at a time per channel, as in our transport's pool.</summary>
    private sealed record Channel(IChannel Model)
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
    }
}
