using System.Collections.Concurrent;
using System.Globalization;
using LiteDB;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Library.BuildingBlocks.ReadStore.LiteDb;

/// <summary>
/// The embedded adapter: one LiteDB file per logical database, opened once per process in direct
/// mode (LiteDB is then thread-safe within the process and no other process may open the file).
/// </summary>
public sealed class LiteDbReadStoreProvider : IReadStoreProvider, IDisposable
{
    private readonly string _directory;
    private readonly BsonMapper _mapper;
    private readonly ConcurrentDictionary<string, Lazy<LiteDatabase>> _databases = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LiteDbFileLock> _fileLocks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<LiteDbWriter>> _writers = new(StringComparer.Ordinal);

    public LiteDbReadStoreProvider(string directory)
    {
        _directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(_directory);
        _mapper = new BsonMapper { EnumAsInteger = false, SerializeNullValues = true };
        _mapper.UseCamelCase();

        // LiteDB stores instants in UTC but hands them back as local time; read models are UTC throughout.
        _mapper.RegisterType(
            serialize: value => new BsonValue(value.ToUniversalTime()),
            deserialize: bson => bson.AsDateTime.ToUniversalTime());
    }

    public IReadStore<TDocument> Open<TDocument>(string database, string collection, IReadOnlyList<ReadIndex> indexes)
        where TDocument : class, IReadDocument
    {
        var fileLock = FileLock(database);
        return fileLock.Write(() => new LiteDbReadStore<TDocument>(Database(database), fileLock, Writer(database), _mapper, collection, indexes));
    }

    public async Task<HealthCheckResult> CheckHealthAsync(string database, CancellationToken cancellationToken)
    {
        try
        {
            _ = await FileLock(database).ReadAsync(() => Database(database).GetCollectionNames().Count(), cancellationToken);
            return HealthCheckResult.Healthy($"LiteDB '{database}' is open.");
        }
        catch (LiteException ex)
        {
            return HealthCheckResult.Unhealthy($"LiteDB '{database}' failed.", ex);
        }
        catch (IOException ex)
        {
            return HealthCheckResult.Unhealthy($"LiteDB '{database}' cannot be opened.", ex);
        }
    }

    public void Dispose()
    {
        // Writers first: each finishes the writes already queued before its file closes.
        foreach (var writer in _writers.Values.Where(w => w.IsValueCreated))
        {
            writer.Value.Dispose();
        }

        foreach (var database in _databases.Values.Where(d => d.IsValueCreated))
        {
            database.Value.Dispose();
        }

        foreach (var fileLock in _fileLocks.Values)
        {
            fileLock.Dispose();
        }
    }

    private LiteDbFileLock FileLock(string database) => _fileLocks.GetOrAdd(database, _ => new LiteDbFileLock());

    private LiteDbWriter Writer(string database) =>
        _writers.GetOrAdd(database, name => new Lazy<LiteDbWriter>(() => new LiteDbWriter(Database(name), FileLock(name), name))).Value;

    private LiteDatabase Database(string name) =>
        _databases.GetOrAdd(name, n => new Lazy<LiteDatabase>(() => new LiteDatabase(
            new ConnectionString
            {
                Filename = Path.Combine(_directory, n + ".db"),
                Connection = ConnectionType.Direct,

                // Ordinal, so that equality and sorting behave as in MongoDB (LiteDB's default
                // collation ignores case). Applies when the file is created.
                Collation = new Collation(CultureInfo.InvariantCulture.LCID, CompareOptions.Ordinal),
            },
            _mapper))).Value;
}
