using DotNetCore.CAP;
using DotNetCore.CAP.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Library.BuildingBlocks.Messaging.RabbitMq;

internal sealed class RabbitMqTransportExtension(RabbitMqOptions options) : ICapOptionsExtension
{
    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton(new CapMessageQueueMakerService("RabbitMQ"));
        services.TryAddSingleton(options);
        services.TryAddSingleton<RabbitMqPublisherConnection>();
        services.TryAddSingleton<RabbitMqConsumerConnection>();
        services.TryAddSingleton<ITransport, RabbitMqTransport>();
        services.TryAddSingleton<IConsumerClientFactory, RabbitMqConsumerClientFactory>();
    }
}

/// <summary>Ready only while the broker accepts a connection: a service that cannot publish or consume is not ready.</summary>
internal sealed class RabbitMqHealthCheck(RabbitMqPublisherConnection connection) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            var open = await connection.GetAsync(timeout.Token);
            return HealthCheckResult.Healthy($"RabbitMQ {open.Endpoint.HostName}:{open.Endpoint.Port} is connected.");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return HealthCheckResult.Unhealthy("RabbitMQ cannot be reached.", ex);
        }
    }
}

public static class RabbitMqTransportOptions
{
    /// <summary>The production transport: our own CAP transport over RabbitMQ.Client.</summary>
    public static CapOptions UseRabbitMqTransport(this CapOptions options, RabbitMqOptions rabbitMq)
    {
        options.RegisterExtension(new RabbitMqTransportExtension(rabbitMq));
        return options;
    }
}
