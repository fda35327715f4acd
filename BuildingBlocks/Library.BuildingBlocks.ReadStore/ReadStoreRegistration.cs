using Library.BuildingBlocks.ReadStore.LiteDb;
using Library.BuildingBlocks.ReadStore.MongoDb;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Library.BuildingBlocks.ReadStore;

public static class ReadStoreRegistration
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

    private sealed class ReadStoreHealthCheck(IReadStoreProvider provider, string database) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            provider.CheckHealthAsync(database, cancellationToken);
    }
}
