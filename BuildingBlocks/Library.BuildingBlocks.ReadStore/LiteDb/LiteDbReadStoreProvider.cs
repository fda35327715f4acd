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

    private readonly bool _requireIndexedSorts;

    public LiteDbReadStoreProvider(string directory, bool requireIndexedSorts = false)
    {
        _requireIndexedSorts = requireIndexedSorts;
        _directory = Path.GetFullPath(directory);
        _mapper = new BsonMapper { EnumAsInteger = false, SerializeNullValues = true };
        _mapper.UseCamelCase();

        // LiteDB stores instants in UTC but hands them back as local time; read models are UTC throughout.
        _mapper.RegisterType(
            serialize: value => new BsonValue(value.ToUniversalTime()),
            deserialize: bson => bson.AsDateTime.ToUniversalTime());

        // An instant with an offset is stored as the same UTC date, as the MongoDB adapter stores it, so
        // that it sorts and compares as an instant in both.
        _mapper.RegisterType(
            serialize: value => new BsonValue(value.UtcDateTime),
            deserialize: bson => new DateTimeOffset(bson.AsDateTime.ToUniversalTime(), TimeSpan.Zero));
    }

    public IReadStore<TDocument> Open<TDocument>(string database, string collection, IReadOnlyList<ReadIndex> indexes)
        where TDocument : class, IReadDocument
    {
        return new LiteDbReadStore<TDocument>(
            () => Database(database), FileLock(database), () => Writer(database), _mapper, database, collection, indexes, _requireIndexedSorts);
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
        _databases.GetOrAdd(name, n => new Lazy<LiteDatabase>(() => Open(n))).Value;

    private LiteDatabase Open(string name)
    {
        Directory.CreateDirectory(_directory);
        return new LiteDatabase(
            new ConnectionString
            {
                Filename = Path.Combine(_directory, name + ".db"),
                Connection = ConnectionType.Direct,

                // Ordinal, so that equality and sorting behave as in MongoDB (LiteDB's default
                // collation ignores case). Applies when the file is created.
                Collation = new Collation(CultureInfo.InvariantCulture.LCID, CompareOptions.Ordinal),
            },
            _mapper);
    }
}
