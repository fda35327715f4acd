using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Conventions;
using MongoDB.Driver;

namespace Library.BuildingBlocks.ReadStore.MongoDb;

/// <summary>
/// The production adapter. Documents stay natural MongoDB documents: camelCase fields, string ids,
/// integer cents, BSON dates, a version field; no multi-document transactions are needed because
/// every projection write is one conditional single-document write.
/// </summary>
public sealed class MongoReadStoreProvider : IReadStoreProvider, IDisposable
{
    private static readonly Lock ConventionsLock = new();
    private static bool _conventionsRegistered;

    private readonly MongoClient _client;
    private readonly string _databasePrefix;

    public MongoReadStoreProvider(string connectionString, string databasePrefix)
    {
        RegisterConventions();
        var settings = MongoClientSettings.FromConnectionString(connectionString);
        settings.ServerSelectionTimeout = TimeSpan.FromSeconds(5);
        _client = new MongoClient(settings);
        _databasePrefix = databasePrefix;
    }

    public IReadStore<TDocument> Open<TDocument>(string database, string collection, IReadOnlyList<ReadIndex> indexes)
        where TDocument : class, IReadDocument =>
        new MongoReadStore<TDocument>(Database(database).GetCollection<TDocument>(collection), indexes);

    public async Task<HealthCheckResult> CheckHealthAsync(string database, CancellationToken cancellationToken)
    {
        try
        {
            await Database(database).RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1), cancellationToken: cancellationToken);
            return HealthCheckResult.Healthy($"MongoDB '{_databasePrefix}{database}' answers.");
        }
        catch (Exception ex) when (ex is MongoException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"MongoDB '{_databasePrefix}{database}' does not answer.", ex);
        }
    }

    public void Dispose() => _client.Dispose();

    private IMongoDatabase Database(string name) => _client.GetDatabase(_databasePrefix + name);

    private static void RegisterConventions()
    {
        lock (ConventionsLock)
        {
            if (_conventionsRegistered)
            {
                return;
            }

            var pack = new ConventionPack
            {
                new CamelCaseElementNameConvention(),
                new IgnoreExtraElementsConvention(true),
                new EnumRepresentationConvention(BsonType.String),
            };
            ConventionRegistry.Register("library-read-models", pack, type => type.Namespace?.StartsWith("Library.", StringComparison.Ordinal) == true);
            _conventionsRegistered = true;
        }
    }
}
