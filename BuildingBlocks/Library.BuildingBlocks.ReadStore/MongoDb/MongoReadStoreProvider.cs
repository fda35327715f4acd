using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Conventions;
using MongoDB.Bson.Serialization.Serializers;
using MongoDB.Driver;
using MongoDB.Driver.Core.Configuration;

namespace Library.BuildingBlocks.ReadStore.MongoDb;

/// <summary>
/// The production adapter. Documents stay natural MongoDB documents: camelCase fields, string ids,
/// integer cents, BSON dates, a version field; no multi-document transactions are needed because
/// every projection write is one conditional single-document write. Nothing here does I/O when
/// constructed: the client connects in the background, and collections create their indexes once the
/// server answers (see docs/adr/0005-mongodb-read-store.md).
/// </summary>
public sealed class MongoReadStoreProvider : IReadStoreProvider, IDisposable
{
    /// <summary>
    /// How long an operation waits for a server when the connection string does not say: the driver's
    /// own default is 30 s, which in an outage holds each request that long before its 503.
    /// </summary>
    internal static readonly TimeSpan DefaultServerSelectionTimeout = TimeSpan.FromSeconds(5);

    private static readonly Lock ConventionsLock = new();
    private static bool _conventionsRegistered;

    private readonly MongoClient _client;
    private readonly string _databasePrefix;
    private readonly bool _requireIndexedSorts;

    public MongoReadStoreProvider(string connectionString, string databasePrefix, bool requireIndexedSorts = false)
        : this(Settings(connectionString), databasePrefix, requireIndexedSorts)
    {
    }

    internal MongoReadStoreProvider(MongoClientSettings settings, string databasePrefix, bool requireIndexedSorts)
    {
        RegisterConventions();
        _client = new MongoClient(settings);
        _databasePrefix = databasePrefix;
        _requireIndexedSorts = requireIndexedSorts;
    }

    public IReadStore<TDocument> Open<TDocument>(string database, string collection, IReadOnlyList<ReadIndex> indexes)
        where TDocument : class, IReadDocument =>
        new MongoReadStore<TDocument>(Database(database).GetCollection<TDocument>(collection), database, indexes, _requireIndexedSorts);

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

    /// <summary>
    /// The client settings of <paramref name="connectionString"/>: every option it names is kept as
    /// written; only a server selection timeout it leaves out gets ours instead of the driver's.
    /// </summary>
    internal static MongoClientSettings Settings(string connectionString)
    {
        var settings = MongoClientSettings.FromConnectionString(connectionString);
        if (new ConnectionString(connectionString).ServerSelectionTimeout is null)
        {
            settings.ServerSelectionTimeout = DefaultServerSelectionTimeout;
        }

        return settings;
    }

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

            // The driver has no default representation of a Guid (it refuses to write one) and writes a
            // DateTimeOffset as [ticks, offset], which neither sorts nor compares as an instant. Read
            // models store a Guid as the standard UUID subtype and an instant as a BSON date in UTC: the
            // order the SQLite adapter's text has (lower-case UUID text, fixed-width UTC instants).
            BsonSerializer.TryRegisterSerializer(new GuidSerializer(GuidRepresentation.Standard));
            BsonSerializer.TryRegisterSerializer(new DateTimeOffsetSerializer(BsonType.DateTime));
            _conventionsRegistered = true;
        }
    }
}
