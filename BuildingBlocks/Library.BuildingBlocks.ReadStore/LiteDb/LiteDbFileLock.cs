namespace Library.BuildingBlocks.ReadStore.LiteDb;

/// <summary>
/// Readers share a LiteDB file, the writer has it alone. Readers wait asynchronously: they run on
/// request and event-handler threads of the pool, and a pool thread blocked behind a commit's disk
/// flush is a thread the whole host lacks (a blocking lock starved the pool under load). Only the
/// writer, which has a thread of its own, and start-up code block.
/// </summary>
internal sealed class LiteDbFileLock : IDisposable
{
    /// <summary>Held by the writer for its whole turn; readers pass through it on the way in, so none starts during a write.</summary>
    private readonly SemaphoreSlim _turnstile = new(1, 1);
    private readonly SemaphoreSlim _readersGone = new(0);
    private int _readers;

    public async ValueTask<T> ReadAsync<T>(Func<T> read, CancellationToken cancellationToken)
    {
        await _turnstile.WaitAsync(cancellationToken);
        Interlocked.Increment(ref _readers);
        _turnstile.Release();
        try
        {
            return read();
        }
        finally
        {
            if (Interlocked.Decrement(ref _readers) == 0)
            {
                _readersGone.Release();
            }
        }
    }

    /// <summary>Blocks the calling thread: for the writer's own thread and start-up only.</summary>
    public T Write<T>(Func<T> write)
    {
        _turnstile.Wait();
        try
        {
            // A signal may be stale (left by readers of an earlier turn), so the count decides; the
            // timeout bounds the wait should the last reader's signal have been consumed by a stale check.
            while (Volatile.Read(ref _readers) > 0)
            {
                _readersGone.Wait(TimeSpan.FromMilliseconds(1));
            }

            return write();
        }
        finally
        {
            _turnstile.Release();
        }
    }

    public void Dispose()
    {
        _turnstile.Dispose();
        _readersGone.Dispose();
    }
}
