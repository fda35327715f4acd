using System.Text;
using DotNetCore.CAP.Messages;
using DotNetCore.CAP.Transport;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Library.BuildingBlocks.Messaging.RabbitMq;

/// <summary>The consuming side's connection, shared by every group's consumer in the process.</summary>
internal sealed class RabbitMqConsumerConnection(RabbitMqOptions options) : IAsyncDisposable
{
    private readonly RabbitMqConnection _connection = new(options, "consume");

    public Task<IConnection> GetAsync(CancellationToken cancellationToken) => _connection.GetAsync(cancellationToken);

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}

internal sealed class RabbitMqConsumerClientFactory(
    RabbitMqOptions options,
    RabbitMqConsumerConnection connection,
    ILoggerFactory loggers) : IConsumerClientFactory
{
    public Task<IConsumerClient> CreateAsync(string groupName, byte groupConcurrent) =>
        Task.FromResult<IConsumerClient>(new RabbitMqConsumerClient(
            options, connection, groupName, loggers.CreateLogger<RabbitMqConsumerClient>()));
}

/// <summary>
/// One CAP group's consumer: a durable queue named after the group, bound to the group's topics on the
/// exchange, read with manual acknowledgements. CAP acknowledges (<see cref="CommitAsync"/>) only after
/// it has stored the message in its inbox, so a crash before that leaves the message with the broker,
/// which delivers it again. When the broker goes away the consumer reconnects with growing delays,
/// redeclares its queue and bindings, and resumes.
/// </summary>
internal sealed partial class RabbitMqConsumerClient(
    RabbitMqOptions options,
    RabbitMqConsumerConnection connection,
    string group,
    ILogger<RabbitMqConsumerClient> logger) : IConsumerClient
{
    /// <summary>A message CAP could not store (its database is down) goes back to the queue after this wait, not in a hot loop.</summary>
    private static readonly TimeSpan RequeueDelay = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _disposed = new();
    private List<string> _topics = [];
    private IChannel? _channel;

    /// <summary>What CAP hands back to <see cref="CommitAsync"/> or <see cref="RejectAsync"/>: the delivery on its channel.</summary>
    internal sealed record Delivery(IChannel Channel, ulong DeliveryTag, bool Redelivered);

    public BrokerAddress BrokerAddress => RabbitMqAddress.Of(options);

    public Func<TransportMessage, object?, Task>? OnMessageCallback { get; set; }

    public Action<LogMessageEventArgs>? OnLogCallback { get; set; }

    public Task<ICollection<string>> FetchTopicsAsync(IEnumerable<string> topicNames) =>
        Task.FromResult<ICollection<string>>(topicNames.ToList());

    /// <summary>Only records the topics: binding happens in every consume session, so it is redone after a reconnect.</summary>
    public Task SubscribeAsync(IEnumerable<string> topics)
    {
        _topics = topics.Distinct(StringComparer.Ordinal).ToList();
        return Task.CompletedTask;
    }

    public async Task ListeningAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        var delay = options.ReconnectMinDelay;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var reason = await ConsumeUntilChannelClosesAsync(stopping.Token);
                LogChannelClosed(logger, group, reason);
                delay = options.ReconnectMinDelay;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogConnectFailed(logger, ex, group, delay.TotalMilliseconds);
            }

            try
            {
                await Task.Delay(delay, stopping.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.ReconnectMaxDelay.Ticks));
        }
    }

    public async Task CommitAsync(object? sender)
    {
        if (sender is not Delivery { Channel.IsOpen: true } delivery)
        {
            // On a closed channel the broker has already put the message back; its next delivery is handled idempotently.
            return;
        }

        try
        {
            await delivery.Channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        }
        catch (AlreadyClosedException)
        {
            // Closed between the check and the ack: the same as above.
        }
    }

    public Task RejectAsync(object? sender)
    {
        if (sender is Delivery delivery)
        {
            _ = RequeueLaterAsync(delivery);
        }

        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        if (_channel is { } channel)
        {
            try
            {
                await channel.CloseAsync();
            }
            catch (Exception)
            {
                // The broker or the connection is already gone, which closes the channel anyway.
            }

            await channel.DisposeAsync();
        }

        _disposed.Dispose();
    }

    /// <summary>One session: declare, bind, consume; returns why the channel closed, or throws when it could not start.</summary>
    private async Task<string> ConsumeUntilChannelClosesAsync(CancellationToken cancellationToken)
    {
        var callback = OnMessageCallback ?? throw new InvalidOperationException("CAP registers the message callback before listening.");
        var open = await connection.GetAsync(cancellationToken);
        var channel = await open.CreateChannelAsync(cancellationToken: cancellationToken);
        _channel = channel;
        try
        {
            var closed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            channel.ChannelShutdownAsync += (_, args) =>
            {
                closed.TrySetResult(args.ReplyText);
                return Task.CompletedTask;
            };

            await channel.ExchangeDeclareAsync(options.Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueDeclareAsync(group, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
            foreach (var topic in _topics)
            {
                await channel.QueueBindAsync(group, options.Exchange, topic, cancellationToken: cancellationToken);
            }

            await channel.BasicQosAsync(prefetchSize: 0, options.PrefetchCount, global: false, cancellationToken);

            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += (_, delivery) =>
                callback(ToTransportMessage(delivery), new Delivery(channel, delivery.DeliveryTag, delivery.Redelivered));
            consumer.ShutdownAsync += (_, args) =>
            {
                closed.TrySetResult(args.ReplyText);
                return Task.CompletedTask;
            };
            await channel.BasicConsumeAsync(group, autoAck: false, consumer, cancellationToken);
            LogConsuming(logger, group, _topics.Count);

            return await closed.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            _channel = null;
            try
            {
                await channel.DisposeAsync();
            }
            catch (Exception)
            {
                // Closing a channel of a dead connection can throw; the channel is gone either way.
            }
        }
    }

    private TransportMessage ToTransportMessage(BasicDeliverEventArgs delivery)
    {
        var headers = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (delivery.BasicProperties.Headers is { } received)
        {
            foreach (var (name, value) in received)
            {
                headers[name] = value switch
                {
                    null => null,
                    byte[] bytes => Encoding.UTF8.GetString(bytes),
                    _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
                };
            }
        }

        // CAP picks the subscriber by group, as the queue already did.
        headers[DotNetCore.CAP.Messages.Headers.Group] = group;

        // The body is only valid during the handler; CAP keeps the message longer.
        return new TransportMessage(headers, delivery.Body.ToArray());
    }

    private async Task RequeueLaterAsync(Delivery delivery)
    {
        try
        {
            await Task.Delay(RequeueDelay, _disposed.Token);
            if (delivery.Channel.IsOpen)
            {
                await delivery.Channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true);
            }
        }
        catch (Exception)
        {
            // The consumer stopped or the channel closed; either way the broker redelivers the message.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Consuming RabbitMQ queue {Queue} bound to {TopicCount} topics")]
    private static partial void LogConsuming(ILogger logger, string queue, int topicCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "RabbitMQ channel of queue {Queue} closed ({Reason}); reconnecting")]
    private static partial void LogChannelClosed(ILogger logger, string queue, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not consume RabbitMQ queue {Queue}; retrying in {DelayMs} ms")]
    private static partial void LogConnectFailed(ILogger logger, Exception exception, string queue, double delayMs);
}
