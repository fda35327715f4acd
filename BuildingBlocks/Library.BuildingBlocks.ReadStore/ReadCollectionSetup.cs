namespace Library.BuildingBlocks.ReadStore;

/// <summary>A collection whose indexes are created when the store first answers, never while the host is built.</summary>
internal interface IReadCollection
{
    string Database { get; }

    string Name { get; }

    bool IsSetUp { get; }

    /// <summary>Creates the collection's indexes unless that already succeeded; safe to call concurrently and again after a failure.</summary>
    Task EnsureSetUpAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Runs a collection's set-up once: callers arriving while it runs share that attempt, and a failed
/// attempt is forgotten so the next caller tries again. The attempt itself is not cancelled with any one
/// caller (a health probe giving up must not abort the creation a write is waiting for).
/// </summary>
internal sealed class SetUpOnce(Func<Task> setUp)
{
    private readonly Lock _lock = new();
    private Task? _attempt;

    public bool IsDone => _attempt is { IsCompletedSuccessfully: true };

    public Task EnsureAsync(CancellationToken cancellationToken)
    {
        Task attempt;
        lock (_lock)
        {
            if (_attempt is null || _attempt.IsFaulted || _attempt.IsCanceled)
            {
                _attempt = Task.Run(setUp, CancellationToken.None);
            }

            attempt = _attempt;
        }

        return attempt.IsCompletedSuccessfully ? Task.CompletedTask : attempt.WaitAsync(cancellationToken);
    }
}
