using DotNetCore.CAP;
using DotNetCore.CAP.Messages;
using DotNetCore.CAP.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Library.BuildingBlocks.Messaging.InProcess;

internal static class InProcessAddress
{
    public static readonly BrokerAddress Value = new("InProcess", "memory");
}

internal sealed class InProcessTransport(InProcessBroker broker) : ITransport
{
    public BrokerAddress BrokerAddress => InProcessAddress.Value;

    public Task<OperateResult> SendAsync(TransportMessage message)
    {
        broker.Publish(message);
        return Task.FromResult(OperateResult.Success);
    }
}

internal sealed class InProcessConsumerClientFactory(InProcessBroker broker) : IConsumerClientFactory
{
    public Task<IConsumerClient> CreateAsync(string groupName, byte groupConcurrent) =>
        Task.FromResult<IConsumerClient>(new InProcessConsumerClient(broker, groupName));
}

internal sealed class InProcessConsumerClient(InProcessBroker broker, string group) : IConsumerClient
{
    /// <summary>A rejected message (CAP could not store it, e.g. the database is down) waits this long before it is offered again.</summary>
    private static readonly TimeSpan RedeliveryDelay = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _disposed = new();

    public BrokerAddress BrokerAddress => InProcessAddress.Value;

    public Func<TransportMessage, object?, Task>? OnMessageCallback { get; set; }

    public Action<LogMessageEventArgs>? OnLogCallback { get; set; }

    public Task SubscribeAsync(IEnumerable<string> topics)
    {
        broker.Bind(group, topics);
        return Task.CompletedTask;
    }

    public async Task ListeningAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var callback = OnMessageCallback ?? throw new InvalidOperationException("CAP registers the message callback before listening.");
        var queue = broker.Queue(group);
        await foreach (var message in queue.ReadAllAsync(cancellationToken))
        {
            await callback(message, message);
        }
    }

    /// <summary>CAP has stored the message in its inbox; the in-memory copy is no longer needed.</summary>
    public Task CommitAsync(object? sender) => Task.CompletedTask;

    public Task RejectAsync(object? sender)
    {
        if (sender is TransportMessage message)
        {
            _ = RedeliverLaterAsync(message);
        }

        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task RedeliverLaterAsync(TransportMessage message)
    {
        try
        {
            await Task.Delay(RedeliveryDelay, _disposed.Token);
        }
        catch (OperationCanceledException)
        {
            // The consumer stopped; the message still goes back so another consumer of the group gets it.
        }

        broker.Requeue(group, message);
    }
}

internal sealed class InProcessTransportExtension : ICapOptionsExtension
{
    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton(new CapMessageQueueMakerService("InProcess"));
        services.TryAddSingleton<InProcessBroker>();
        services.TryAddSingleton<ITransport, InProcessTransport>();
        services.TryAddSingleton<IConsumerClientFactory, InProcessConsumerClientFactory>();
    }
}

public static class InProcessTransportOptions
{
    /// <summary>The development host's transport: every module in the process, no broker to run.</summary>
    public static CapOptions UseInProcessTransport(this CapOptions options)
    {
        options.RegisterExtension(new InProcessTransportExtension());
        return options;
    }
}
