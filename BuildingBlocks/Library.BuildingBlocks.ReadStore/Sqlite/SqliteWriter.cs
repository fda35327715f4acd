using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Library.BuildingBlocks.ReadStore.Sqlite;

/// <summary>
/// The one writer of a SQLite file, with group commit. SQLite allows one writing transaction at a time
/// per file, so every write of the file runs on this writer's thread and connection; the writes that
/// queued up while the previous transaction committed run together in the next one (at most
/// <see cref="MaxBatch"/>), and each caller's task completes only after that transaction has committed.
/// Readers never wait for it: in WAL mode they read the last committed snapshot on connections of
/// their own (<see cref="SqliteReaders"/>).
/// </summary>
internal sealed class SqliteWriter : IDisposable
{
    /// <summary>Bounds a transaction's size, and so the work lost to a failure that rolls one back.</summary>
    private const int MaxBatch = 256;

    private readonly SqliteSession _session;
    private readonly BlockingCollection<PendingWrite> _queue = new(new ConcurrentQueue<PendingWrite>());
    private readonly Thread _thread;

    public SqliteWriter(SqliteSession session, string name)
    {
        _session = session;

        // A thread of its own, not the pool: Microsoft.Data.Sqlite's calls are synchronous, and a write
        // waiting on a disk flush must not hold a thread the request handlers need.
        _thread = new Thread(Run) { IsBackground = true, Name = "sqlite-writer:" + name };
        _thread.Start();
    }

    /// <summary>
    /// Queues a write. A grouped write must be one SQL statement: a statement that fails (a unique index)
    /// is undone by SQLite alone, the transaction goes on, and only that write's caller sees the failure.
    /// A write of several statements (a bulk batch, a schema change) is not grouped: it runs in a
    /// transaction of its own, all or nothing.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteSession, T> write, bool grouped = true)
    {
        var pending = new PendingWrite<T>(write, grouped);
        try
        {
            _queue.Add(pending);
        }
        catch (InvalidOperationException)
        {
            throw new ObjectDisposedException(nameof(SqliteWriter), "The read store is shutting down.");
        }

        return pending.Completion.Task;
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        _thread.Join();
        _queue.Dispose();
    }

    private void Run()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        PendingWrite? carried = null;
        while (true)
        {
            var first = carried;
            carried = null;
            if (first is null && !_queue.TryTake(out first, Timeout.Infinite))
            {
                return;
            }

            batch.Add(first);
            while (first.Grouped && batch.Count < MaxBatch && _queue.TryTake(out var next))
            {
                if (!next.Grouped)
                {
                    carried = next;
                    break;
                }

                batch.Add(next);
            }

            if (first.Grouped)
            {
                CommitTogether(batch);
            }
            else
            {
                CommitAlone(first);
            }

            foreach (var write in batch)
            {
                write.Complete();
            }

            batch.Clear();
        }
    }

    private void CommitTogether(List<PendingWrite> batch)
    {
        try
        {
            _session.Execute("BEGIN IMMEDIATE");
        }
#pragma warning disable CA1031 // Handed to every caller of the batch through its task.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            batch.ForEach(w => w.Fail(ex));
            return;
        }

        foreach (var write in batch)
        {
            write.Run(_session);
            if (write.Failed && !InTransaction)
            {
                // Some errors (a full disk, an I/O error) make SQLite roll the whole transaction back:
                // nothing of the batch is written, and every caller must hear so.
                var error = write.Error!;
                batch.ForEach(w => w.Fail(error));
                return;
            }
        }

        try
        {
            _session.Execute("COMMIT");
        }
#pragma warning disable CA1031 // Not committed: every caller of the batch gets the failure.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            RollBack();
            batch.ForEach(w => w.Fail(ex));
        }
    }

    private void CommitAlone(PendingWrite write)
    {
        try
        {
            _session.Execute("BEGIN IMMEDIATE");
        }
#pragma warning disable CA1031 // Handed to the caller through its task.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            write.Fail(ex);
            return;
        }

        write.Run(_session);
        if (write.Failed)
        {
            RollBack();
            return;
        }

        try
        {
            _session.Execute("COMMIT");
        }
#pragma warning disable CA1031 // Handed to the caller through its task.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            RollBack();
            write.Fail(ex);
        }
    }

    private bool InTransaction => raw.sqlite3_get_autocommit(_session.Connection.Handle) == 0;

    private void RollBack()
    {
        if (InTransaction)
        {
            try
            {
                _session.Execute("ROLLBACK");
            }
            catch (SqliteException)
            {
                // The transaction is gone either way; the next BEGIN reports a connection that is broken.
            }
        }
    }

    private abstract class PendingWrite(bool grouped)
    {
        public bool Grouped { get; } = grouped;

        public Exception? Error { get; private set; }

        public bool Failed => Error is not null;

        public abstract void Run(SqliteSession session);

        public void Fail(Exception error) => Error = error;

        public abstract void Complete();

        protected void Succeeded() => Error = null;
    }

    private sealed class PendingWrite<T>(Func<SqliteSession, T> write, bool grouped) : PendingWrite(grouped)
    {
        private T? _result;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Run(SqliteSession session)
        {
            try
            {
                _result = write(session);
                Succeeded();
            }
#pragma warning disable CA1031 // Handed to the caller through its task.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Fail(ex);
            }
        }

        public override void Complete()
        {
            if (Error is null)
            {
                Completion.SetResult(_result!);
            }
            else
            {
                Completion.SetException(Error);
            }
        }
    }
}
