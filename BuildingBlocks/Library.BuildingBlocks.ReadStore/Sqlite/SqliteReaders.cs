namespace Library.BuildingBlocks.ReadStore.Sqlite;

/// <summary>
/// The read connections of a SQLite file. In WAL mode each reads the last committed snapshot without
/// waiting for the writer or for other readers, so reads run side by side, as many at once as there are
/// connections. A read runs on the calling thread: it never waits for a lock or a commit (a WAL reader
/// takes none), only for the pages it reads, which the OS page cache mostly holds; handing it to
/// another thread would only add a switch. Callers beyond the pool's size wait asynchronously for a connection.
/// </summary>
internal sealed class SqliteReaders(Func<SqliteSession> open, int size) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(size, size);
    private readonly Stack<SqliteSession> _idle = new();
    private readonly Lock _lock = new();
    private bool _disposed;

    public ValueTask<T> ReadAsync<T>(Func<SqliteSession, T> read, CancellationToken cancellationToken)
    {
        // No state machine when a connection is free, as it is unless more reads run than connections.
        return _slots.Wait(0, CancellationToken.None) ? Run(read) : WaitAndReadAsync(read, cancellationToken);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            while (_idle.TryPop(out var session))
            {
                session.Dispose();
            }
        }

        // Not _slots: a read still running releases its slot when it ends.
    }

    private async ValueTask<T> WaitAndReadAsync<T>(Func<SqliteSession, T> read, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        return await Run(read);
    }

    /// <summary>Holds a slot on entry and releases it.</summary>
    private ValueTask<T> Run<T>(Func<SqliteSession, T> read)
    {
        SqliteSession? session = null;
        try
        {
            lock (_lock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                _idle.TryPop(out session);
            }

            session ??= open();
            var result = read(session);
            Return(session);
            session = null;
            return ValueTask.FromResult(result);
        }
#pragma warning disable CA1031 // Handed to the caller through the task, as an async method would.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // A connection whose read failed is closed rather than trusted again; the next read opens a new one.
            session?.Dispose();
            return ValueTask.FromException<T>(ex);
        }
        finally
        {
            _slots.Release();
        }
    }

    private void Return(SqliteSession session)
    {
        lock (_lock)
        {
            if (!_disposed)
            {
                _idle.Push(session);
                return;
            }
        }

        session.Dispose();
    }
}
