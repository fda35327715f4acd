using Library.BuildingBlocks.ReadStore.MongoDb;
using Library.BuildingBlocks.ReadStore.Sqlite;
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
        services.AddMetrics();
        services.TryAddSingleton<ReadStoreMetrics>();
        services.AddSingleton<IReadStore<TDocument>>(sp => new InstrumentedReadStore<TDocument>(
            sp.GetRequiredService<IReadStoreProvider>().Open<TDocument>(database, collection, indexes),
            sp.GetRequiredService<ReadStoreMetrics>(),
            collection));
        services.AddSingleton(new ReadCollectionRegistration(typeof(IReadStore<TDocument>)));
        services.TryAddSingleton<ReadCollections>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ReadCollectionInitializer>());

        var checkName = "read-store:" + database;
        if (!services.Any(d => d.ServiceType == typeof(ReadStoreHealthCheckMarker) && Equals(d.ServiceKey, checkName)))
        {
            services.AddKeyedSingleton<ReadStoreHealthCheckMarker>(checkName);
            services.AddHealthChecks().Add(new HealthCheckRegistration(
                checkName,
                sp => new ReadStoreHealthCheck(sp.GetRequiredService<IReadStoreProvider>(), sp.GetRequiredService<ReadCollections>(), database),
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
            ReadStoreProvider.Sqlite => new SqliteReadStoreProvider(
                Path.IsPathRooted(options.SqliteDirectory)
                    ? options.SqliteDirectory
                    : Path.Combine(environment.ContentRootPath, options.SqliteDirectory),
                options.RequireIndexedSorts),
            ReadStoreProvider.MongoDb => new MongoReadStoreProvider(
                options.MongoConnectionString
                    ?? throw new InvalidOperationException("ReadStore:MongoConnectionString is required when ReadStore:Provider is MongoDb."),
                options.MongoDatabasePrefix,
                options.RequireIndexedSorts),
            _ => throw new InvalidOperationException($"Unknown read store provider '{options.Provider}'."),
        };
    }

    private sealed class ReadStoreHealthCheckMarker;

    private sealed record ReadCollectionRegistration(Type StoreType);

    /// <summary>The registered collections, resolved on first use (resolving a store does no I/O).</summary>
    private sealed class ReadCollections(IServiceProvider services, IEnumerable<ReadCollectionRegistration> registrations)
    {
        private readonly Lazy<IReadOnlyList<IReadCollection>> _all = new(() =>
            [.. registrations.Select(r => services.GetRequiredService(r.StoreType)).OfType<IReadCollection>()]);

        public IReadOnlyList<IReadCollection> All => _all.Value;
    }

    /// <summary>
    /// Creates every registered collection's indexes once the store answers, in the background: the host
    /// starts at once whether or not the store is up, readiness reports it not ready until every
    /// collection of a database is set up, and the attempts go on with a growing pause (up to 30 s)
    /// until they all succeed or the host stops. The first write to a collection awaits the same set-up,
    /// so no document is written before its unique indexes are in force.
    /// </summary>
    private sealed partial class ReadCollectionInitializer(ReadCollections collections, ILogger<ReadCollectionInitializer> logger) : BackgroundService
    {
        private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(30);

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            // Off the start-up path: resolving and setting up run on the pool, not in StartAsync.
            await Task.Yield();
            var pending = collections.All.ToList();
            var pause = TimeSpan.FromMilliseconds(250);
            for (var attempt = 1; pending.Count > 0 && !stoppingToken.IsCancellationRequested; attempt++)
            {
                var failures = new List<(IReadCollection Collection, Exception Error)>();
                await Task.WhenAll(pending.Select(async collection =>
                {
                    try
                    {
                        await collection.EnsureSetUpAsync(stoppingToken);
                    }
#pragma warning disable CA1031 // Any failure is logged and retried; readiness reports the collection meanwhile.
                    catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
                    {
                        lock (failures)
                        {
                            failures.Add((collection, ex));
                        }
                    }
                }));

                pending = [.. failures.Select(f => f.Collection)];
                if (failures.Count == 0)
                {
                    return;
                }

                CouldNotSetUp(logger, failures[0].Error, failures.Count, string.Join(", ", failures.Select(f => f.Collection.Database + "." + f.Collection.Name)), attempt, pause);
                try
                {
                    await Task.Delay(pause, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
            }
        }

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} read collection(s) not set up yet ({Collections}), attempt {Attempt}; retrying in {Pause}")]
        private static partial void CouldNotSetUp(ILogger logger, Exception exception, int count, string collections, int attempt, TimeSpan pause);
    }

    /// <summary>
    /// Ready when the database answers and every collection of it has its indexes. A set-up under way is
    /// awaited briefly, so that a probe right after start sees it finish, but never for long: a
    /// readiness probe must answer within its own timeout, and "not yet" is an answer.
    /// </summary>
    private sealed class ReadStoreHealthCheck(IReadStoreProvider provider, ReadCollections collections, string database) : IHealthCheck
    {
        private static readonly TimeSpan SetUpWait = TimeSpan.FromSeconds(2);

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var answer = await provider.CheckHealthAsync(database, cancellationToken);
            if (answer.Status != HealthStatus.Healthy)
            {
                return answer;
            }

            var mine = collections.All.Where(c => c.Database == database).ToList();
            try
            {
                await Task.WhenAll(mine.Select(c => c.EnsureSetUpAsync(cancellationToken))).WaitAsync(SetUpWait, cancellationToken);
            }
#pragma warning disable CA1031 // Reported as not ready; the initializer keeps retrying.
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                var missing = mine.Where(c => !c.IsSetUp).Select(c => c.Name);
                return HealthCheckResult.Unhealthy($"Read store '{database}' answers, but the indexes of {string.Join(", ", missing)} are not created yet.", ex);
            }

            return answer;
        }
    }
}
