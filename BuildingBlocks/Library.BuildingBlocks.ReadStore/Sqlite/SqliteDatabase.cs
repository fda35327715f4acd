using Microsoft.Data.Sqlite;

namespace Library.BuildingBlocks.ReadStore.Sqlite;

/// <summary>How the SQLite files are opened; the defaults are what the benchmarks chose (docs/adr/0021-sqlite-read-store.md).</summary>
internal sealed record SqliteSettings
{
    /// <summary>
    /// <c>synchronous=FULL</c>: every commit waits for the WAL on disk, so an acknowledged write survives
    /// a power loss, as a LiteDB commit did. NORMAL syncs at checkpoints only (a power loss may lose the
    /// last commits, never the file), and would be 1.3 to 2.2 times faster per write; but the CAP inbox
    /// in PostgreSQL has by then marked those events handled, so nothing would bring a lost write back
    /// but the aggregate's next event, and a statistics count never (ADR 0021 has the numbers).
    /// </summary>
    public bool FullSync { get; init; } = true;

    /// <summary>Read connections per file: reads beyond these at once wait for one.</summary>
    public int ReadConnections { get; init; } = Math.Max(8, 2 * Environment.ProcessorCount);

    /// <summary>The writer connection's page cache (SQLite's default is 2 MiB).</summary>
    public int WriterCacheKiB { get; init; } = 2_000;

    /// <summary>Each read connection's page cache (SQLite's default is 2 MiB).</summary>
    public int ReaderCacheKiB { get; init; } = 2_000;

    /// <summary>WAL pages after which a commit checkpoints them into the database file (SQLite's default is 1,000).</summary>
    public int CheckpointPages { get; init; } = 1_000;

    /// <summary>Bytes of the file each connection reads through a memory map instead of read() calls (0: none).</summary>
    public long MmapBytes { get; init; }
}

/// <summary>
/// One SQLite file: a logical database of the read store, one table per collection. Opened on first use
/// (constructing it does no I/O); a failed open is tried again by the next use.
/// </summary>
internal sealed class SqliteDatabase(string path, string name, SqliteSettings settings) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,

        // The sessions keep their connections open for the life of the process; nothing to pool.
        Pooling = false,
    }.ToString();

    private volatile SqliteWriter? _writer;
    private volatile SqliteReaders? _readers;
    private bool _disposed;

    public string Name => name;

    public Task<T> WriteAsync<T>(Func<SqliteSession, T> write, bool grouped = true) => Writer().WriteAsync(write, grouped);

    public ValueTask<T> ReadAsync<T>(Func<SqliteSession, T> read, CancellationToken cancellationToken)
    {
        // The writer opens the file first: it creates it and switches it to WAL, which readers rely on.
        if (_readers is { } readers)
        {
            return readers.ReadAsync(read, cancellationToken);
        }

        Writer();
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _readers ??= new SqliteReaders(OpenReader, settings.ReadConnections);
            return _readers.ReadAsync(read, cancellationToken);
        }
    }

    public void Dispose()
    {
        SqliteWriter? writer;
        SqliteReaders? readers;
        lock (_lock)
        {
            _disposed = true;
            writer = _writer;
            readers = _readers;
        }

        // The writer first: it finishes the writes already queued before its connection closes.
        writer?.Dispose();
        readers?.Dispose();
    }

    private SqliteWriter Writer()
    {
        if (_writer is { } writer)
        {
            return writer;
        }

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _writer ??= new SqliteWriter(OpenWriter(), name);
        }
    }

    private SqliteSession OpenWriter()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var session = Open();
        try
        {
            // WAL is a property of the file, kept once set: readers then read the last committed snapshot
            // while the writer writes, instead of waiting for it.
            session.Execute("PRAGMA journal_mode = WAL");
            session.Execute(settings.FullSync ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");

            // The WAL is reset after a checkpoint, but a burst can grow it; truncate it back to 64 MiB then.
            session.Execute("PRAGMA journal_size_limit = 67108864");
            session.Execute(FormattableString.Invariant($"PRAGMA wal_autocheckpoint = {settings.CheckpointPages}"));
            session.Execute(FormattableString.Invariant($"PRAGMA cache_size = -{settings.WriterCacheKiB}"));
            session.Execute(FormattableString.Invariant($"PRAGMA mmap_size = {settings.MmapBytes}"));
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private SqliteSession OpenReader()
    {
        var session = Open();
        try
        {
            // The writer's alone: a read connection that tried to write would be a bug, refused here.
            session.Execute("PRAGMA query_only = ON");
            session.Execute(FormattableString.Invariant($"PRAGMA cache_size = -{settings.ReaderCacheKiB}"));
            session.Execute(FormattableString.Invariant($"PRAGMA mmap_size = {settings.MmapBytes}"));
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private SqliteSession Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            return new SqliteSession(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
