using System.Collections.Concurrent;
using System.Diagnostics;
using DotNetCore.CAP;
using DotNetCore.CAP.Messages;
using DotNetCore.CAP.Transport;
using Library.BuildingBlocks.Persistence;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace Library.BuildingBlocks.Messaging.RabbitMq;

/// <summary>
/// Sends CAP's outbox messages to the topic exchange, persistent and with publisher confirms: a send
/// succeeds only once the broker has taken responsibility for the message. Anything else is reported
/// as failed, and CAP keeps the message in the outbox and sends it again later.
/// </summary>
internal sealed partial class RabbitMqTransport(
    RabbitMqOptions options,
    RabbitMqPublisherConnection connection,
    ILogger<RabbitMqTransport> logger) : ITransport, IAsyncDisposable
{
    private readonly ConcurrentBag<IChannel> _idleChannels = [];
    private readonly SemaphoreSlim _channelSlots = new(options.PublishChannels, options.PublishChannels);

    public BrokerAddress BrokerAddress => RabbitMqAddress.Of(options);

    public async Task<OperateResult> SendAsync(TransportMessage message)
    {
        // RabbitMQ.Client writes the current trace context into the headers it sends, over ours. Make the
        // event's own trace current (a send span, child of the command that wrote the event), or none at
        // all, so whichever trace the outbox sender happens to run under never replaces the event's.
        using var sending = OutboxTracing.Source.StartActivity($"{message.GetName()} send", ActivityKind.Producer, OutboxTracing.ParentOf(message.Headers));
        if (sending is null)
        {
            Activity.Current = null;
        }

        using var timeout = new CancellationTokenSource(options.PublishTimeout);
        var holdsSlot = false;
        IChannel? channel = null;
        try
        {
            await _channelSlots.WaitAsync(timeout.Token);
            holdsSlot = true;
            channel = await RentChannelAsync(timeout.Token);
            var properties = new BasicProperties
            {
                Persistent = true,
                MessageId = message.GetId(),
                ContentType = "application/json",
                Headers = message.Headers.ToDictionary(header => header.Key, header => (object?)header.Value, StringComparer.Ordinal),
            };

            // With confirmation tracking on, this completes when the broker confirms and throws when it refuses.
            await channel.BasicPublishAsync(options.Exchange, message.GetName(), mandatory: false, properties, message.Body, timeout.Token);
            _idleChannels.Add(channel);
            channel = null;
            return OperateResult.Success;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogSendFailed(logger, ex, message.GetName(), message.GetId());
            return OperateResult.Failed(ex);
        }
        finally
        {
            if (channel is not null)
            {
                // A channel that failed a publish may be closed or out of step with its confirms: never reuse it.
                await DisposeQuietlyAsync(channel);
            }

            if (holdsSlot)
            {
                _channelSlots.Release();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (_idleChannels.TryTake(out var channel))
        {
            await DisposeQuietlyAsync(channel);
        }
    }

    private async Task<IChannel> RentChannelAsync(CancellationToken cancellationToken)
    {
        while (_idleChannels.TryTake(out var idle))
        {
            if (idle.IsOpen)
            {
                return idle;
            }

            await DisposeQuietlyAsync(idle);
        }

        var open = await connection.GetAsync(cancellationToken);
        var channel = await open.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);
        await channel.ExchangeDeclareAsync(options.Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        return channel;
    }

    private static async Task DisposeQuietlyAsync(IChannel channel)
    {
        try
        {
            await channel.DisposeAsync();
        }
        catch (Exception)
        {
            // The connection under it is already gone.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish {Topic} message {MessageId} to RabbitMQ; the outbox will retry it")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string topic, string messageId);
}

internal static class RabbitMqAddress
{
    public static BrokerAddress Of(RabbitMqOptions options)
    {
        var uri = new Uri(options.ConnectionString);
        return new BrokerAddress("RabbitMQ", $"{uri.Host}:{(uri.Port > 0 ? uri.Port : 5672)}");
    }
}

/// <summary>The publishing side's connection, a singleton of its own so the consumers never share it.</summary>
internal sealed class RabbitMqPublisherConnection(RabbitMqOptions options) : IAsyncDisposable
{
    private readonly RabbitMqConnection _connection = new(options, "publish");

    public bool IsOpen => _connection.IsOpen;

    public Task<IConnection> GetAsync(CancellationToken cancellationToken) => _connection.GetAsync(cancellationToken);

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
