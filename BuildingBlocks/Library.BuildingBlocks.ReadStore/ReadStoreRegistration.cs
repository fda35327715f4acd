using Library.BuildingBlocks.ReadStore.LiteDb;
using Library.BuildingBlocks.ReadStore.MongoDb;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Library.BuildingBlocks.ReadStore;

public static partial class ReadStoreRegistration
{
    /// <summary>
    /// Registers a read-model collection of <paramref name="database"/>, its indexes and a readiness
    /// check of that database. The backend is chosen once per host from the <c>ReadStore</c> section.
    /// </summary>
    public static IServiceCollection AddReadCollection<TDocument>(
        this IServiceCollection services,
        IConfiguration configuration,
        string database,
        string collection,
        params ReadIndex[] indexes)
        where TDocument : class, IReadDocument
    {
        services.TryAddSingleton<IReadStoreProvider>(sp => CreateProvider(configuration, sp.GetRequiredService<IHostEnvironment>()));
        services.AddSingleton(sp => sp.GetRequiredService<IReadStoreProvider>().Open<TDocument>(database, collection, indexes));
        services.AddSingleton(new ReadCollectionRegistration(typeof(IReadStore<TDocument>)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ReadCollectionInitializer>());

        var checkName = "read-store:" + database;
        if (!services.Any(d => d.ServiceType == typeof(ReadStoreHealthCheckMarker) && Equals(d.ServiceKey, checkName)))
        {
            services.AddKeyedSingleton<ReadStoreHealthCheckMarker>(checkName);
            services.AddHealthChecks().Add(new HealthCheckRegistration(
                checkName,
                sp => new ReadStoreHealthCheck(sp.GetRequiredService<IReadStoreProvider>(), database),
                HealthStatus.Unhealthy,
                ["ready"]));
        }

        return services;
    }

    private static IReadStoreProvider CreateProvider(IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(ReadStoreOptions.SectionName).Get<ReadStoreOptions>() ?? new ReadStoreOptions();
        return options.Provider switch
        {
            ReadStoreProvider.LiteDb => new LiteDbReadStoreProvider(
                Path.IsPathRooted(options.LiteDbDirectory)
                    ? options.LiteDbDirectory
                    : Path.Combine(environment.ContentRootPath, options.LiteDbDirectory)),
            ReadStoreProvider.MongoDb => new MongoReadStoreProvider(
                options.MongoConnectionString
                    ?? throw new InvalidOperationException("ReadStore:MongoConnectionString is required when ReadStore:Provider is MongoDb."),
                options.MongoDatabasePrefix),
            _ => throw new InvalidOperationException($"Unknown read store provider '{options.Provider}'."),
        };
    }

    private sealed class ReadStoreHealthCheckMarker;

    private sealed record ReadCollectionRegistration(Type StoreType);

    /// <summary>
    /// Opens every registered collection when the host starts, so collections and their indexes exist
    /// before the first event or request instead of being created by whichever arrives first. A store
    /// that cannot be reached does not stop the host: readiness reports it, and the collection is
    /// opened on first use once the store is back.
    /// </summary>
    private sealed partial class ReadCollectionInitializer(
        IServiceProvider services,
        IEnumerable<ReadCollectionRegistration> registrations,
        ILogger<ReadCollectionInitializer> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            foreach (var registration in registrations)
            {
                try
                {
                    _ = services.GetRequiredService(registration.StoreType);
                }
#pragma warning disable CA1031 // Any failure to reach the store is reported by the readiness check instead.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    CouldNotOpen(logger, ex, registration.StoreType.Name);
                }
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Warning, Message = "Read collection {StoreType} could not be opened at start-up")]
        private static partial void CouldNotOpen(ILogger logger, Exception exception, string storeType);
    }

    private sealed class ReadStoreHealthCheck(IReadStoreProvider provider, string database) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            provider.CheckHealthAsync(database, cancellationToken);
    }
}
