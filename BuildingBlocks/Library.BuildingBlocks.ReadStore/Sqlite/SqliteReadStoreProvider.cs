using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Library.BuildingBlocks.ReadStore.Sqlite;

/// <summary>
/// The embedded adapter: one SQLite file per logical database in WAL mode, one writer and a pool of
/// readers per file, documents as JSON (docs/adr/0021-sqlite-read-store.md). Nothing here does I/O
/// when constructed: a file is opened on first use, and collections create their tables once set up.
/// </summary>
public sealed class SqliteReadStoreProvider : IReadStoreProvider, IDisposable
{
    private readonly string _directory;
    private readonly bool _requireIndexedSorts;
    private readonly SqliteSettings _settings;
    private readonly ConcurrentDictionary<string, SqliteDatabase> _databases = new(StringComparer.Ordinal);

    public SqliteReadStoreProvider(string directory, bool requireIndexedSorts = false)
        : this(directory, requireIndexedSorts, new SqliteSettings())
    {
    }

    internal SqliteReadStoreProvider(string directory, bool requireIndexedSorts, SqliteSettings settings)
    {
        _directory = Path.GetFullPath(directory);
        _requireIndexedSorts = requireIndexedSorts;
        _settings = settings;
    }

    public IReadStore<TDocument> Open<TDocument>(string database, string collection, IReadOnlyList<ReadIndex> indexes)
        where TDocument : class, IReadDocument =>
        new SqliteReadStore<TDocument>(Database(database), collection, indexes, _requireIndexedSorts);

    public async Task<HealthCheckResult> CheckHealthAsync(string database, CancellationToken cancellationToken)
    {
        try
        {
            _ = await Database(database).ReadAsync(
                session => session.Command("SELECT count(*) FROM sqlite_schema").ExecuteScalar(),
                cancellationToken);
            return HealthCheckResult.Healthy($"SQLite '{database}' is open.");
        }
        catch (SqliteException ex)
        {
            return HealthCheckResult.Unhealthy($"SQLite '{database}' failed.", ex);
        }
        catch (IOException ex)
        {
            return HealthCheckResult.Unhealthy($"SQLite '{database}' cannot be opened.", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            return HealthCheckResult.Unhealthy($"SQLite '{database}' cannot be opened.", ex);
        }
    }

    public void Dispose()
    {
        foreach (var database in _databases.Values)
        {
            database.Dispose();
        }
    }

    private SqliteDatabase Database(string name) =>
        _databases.GetOrAdd(name, n => new SqliteDatabase(Path.Combine(_directory, n + ".sqlite3"), n, _settings));
}
