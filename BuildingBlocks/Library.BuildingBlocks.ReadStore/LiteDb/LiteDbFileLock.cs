namespace Library.BuildingBlocks.ReadStore.LiteDb;

/// <summary>
/// One operation at a time on a LiteDB file, reads included. LiteDB 5 breaks under concurrent reads
/// of a large file: the read-path benchmark (1,000,000 loans, 8 concurrent readers) hit "pages in
/// memory store must be non-shared", after which every query failed with "Maximum number of
/// transactions reached". Readers wait asynchronously: they run on request and event-handler
/// threads of the pool, and a pool thread blocked behind a commit's disk flush is a thread the whole
/// host lacks (a blocking lock starved the pool under load). Only the writer, which has a thread of
/// its own, and start-up code block.
/// </summary>
internal sealed class LiteDbFileLock : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async ValueTask<T> ReadAsync<T>(Func<T> read, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return read();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Blocks the calling thread: for the writer's own thread and start-up only.</summary>
    public T Write<T>(Func<T> write)
    {
        _gate.Wait();
        try
        {
            return write();
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
