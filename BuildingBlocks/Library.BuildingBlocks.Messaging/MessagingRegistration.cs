using System.Text.Json;
using System.Text.Json.Serialization;
using DotNetCore.CAP.Persistence;
using Library.BuildingBlocks.Messaging.InProcess;
using Library.BuildingBlocks.Messaging.RabbitMq;
using Library.BuildingBlocks.Persistence;
using Library.BuildingBlocks.Privacy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Library.BuildingBlocks.Messaging;

public static class MessagingRegistration
{
    /// <summary>
    /// One CAP instance per process: the PostgreSQL outbox/inbox and the configured transport. Modules
    /// only publish through <c>ICapPublisher</c> and subscribe with <c>[CapSubscribe]</c>.
    /// </summary>
    public static IServiceCollection AddLibraryMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(MessagingOptions.SectionName).Get<MessagingOptions>() ?? new MessagingOptions();
        var connectionString = configuration.GetConnectionString("Messaging")
            ?? throw new InvalidOperationException("ConnectionStrings:Messaging is required (the database of CAP's outbox and inbox).");

        // Registered before CAP's own hosted services, so it runs before CAP starts sending.
        services.AddSingleton(provider => new OutboxDatabaseCheck(connectionString, provider.GetServices<CommandStoreConnection>()));
        services.AddHostedService(provider => provider.GetRequiredService<OutboxDatabaseCheck>());

        RabbitMqOptions? rabbitMq = null;
        if (options.Transport == MessagingTransport.RabbitMq)
        {
            rabbitMq = configuration.GetSection(RabbitMqOptions.SectionName).Get<RabbitMqOptions>() ?? new RabbitMqOptions();
            if (configuration[RabbitMqOptions.SectionName + ":ClientName"] is null && configuration["Service:Name"] is { Length: > 0 } service)
            {
                rabbitMq.ClientName = service; // the name the host gave itself (AddLibraryHost)
            }

            rabbitMq.ConnectionString = configuration.GetConnectionString("RabbitMq")
                ?? throw new InvalidOperationException("ConnectionStrings:RabbitMq is required with the RabbitMq transport (amqp://user:password@host:port/).");
            services.AddHealthChecks().Add(new HealthCheckRegistration(
                "broker",
                provider => ActivatorUtilities.CreateInstance<RabbitMqHealthCheck>(provider),
                HealthStatus.Unhealthy,
                ["ready"]));
        }

        services.AddCap(cap =>
        {
            cap.UsePostgreSql(postgres =>
            {
                postgres.ConnectionString = connectionString;
                postgres.Schema = options.Schema;
            });
            switch (options.Transport)
            {
                case MessagingTransport.InProcess:
                    cap.UseInProcessTransport();
                    break;
                case MessagingTransport.RabbitMq:
                    cap.UseRabbitMqTransport(rabbitMq ?? throw new InvalidOperationException("RabbitMQ options are bound above."));
                    break;
                default:
                    throw new InvalidOperationException($"Messaging transport '{options.Transport}' is unknown; use InProcess or RabbitMq.");
            }

            cap.SucceedMessageExpiredAfter = options.SucceededMessageRetentionSeconds;
            cap.CollectorCleaningInterval = options.CleaningIntervalSeconds;
            cap.FailedRetryInterval = options.FailedRetryIntervalSeconds;
            if (options.GroupNamePrefix is { Length: > 0 } prefix)
            {
                cap.GroupNamePrefix = prefix;
            }

            cap.FallbackWindowLookbackSeconds = options.RetryLookbackSeconds;
            // Each consumer handles its deliveries itself, so every group has its own concurrency:
            // CAP's shared parallel executor would let one slow group (the statistics) hold up all.
            cap.ConsumerThreadCount = options.ConsumersPerGroup;

            // Otherwise CAP sends each event inside the committing request, after the commit, so the
            // response waits for the transport and the outbox status update; this way a background
            // sender does both. Consumers are order-tolerant, and an event the process dies before
            // sending stays in the outbox for the retry, so no guarantee is lost.
            cap.EnablePublishParallelSend = options.ParallelSend;

            cap.JsonSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            cap.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        }).AddSubscribeFilter<ConsumerObservabilityFilter>();

        services.AddMetrics();
        services.AddSingleton<MessagingMetrics>();
        services.AddHostedService(provider => ActivatorUtilities.CreateInstance<OutboxBacklogSampler>(
            provider, connectionString, options.Schema, TimeSpan.FromSeconds(Math.Max(1, options.BacklogSampleSeconds))));
        services.AddSingleton<IModuleMigrator, CapStorageMigrator>();
        services.AddSingleton<IPersonalDataPurge>(new PersonalDataPurge(connectionString, options.Schema, options.PurgeOnErasure));
        services.AddHealthChecks().Add(new HealthCheckRegistration(
            "messaging-store",
            _ => new PostgresHealthCheck(connectionString),
            HealthStatus.Unhealthy,
            ["ready"]));
        return services;
    }

    /// <summary>
    /// CAP creates its outbox and inbox tables in a background service, after the host may already
    /// accept requests; creating them with the schema migrations closes that window.
    /// </summary>
    private sealed class CapStorageMigrator(IStorageInitializer storage, OutboxDatabaseCheck check) : IModuleMigrator
    {
        public string ModuleName => "cap-outbox-inbox";

        public Task MigrateAsync(CancellationToken cancellationToken)
        {
            check.Verify(); // migrations run before the hosted services; refuse before creating tables in the wrong place
            return storage.InitializeAsync(cancellationToken);
        }
    }
}
