using RabbitMQ.Client;

namespace Library.BuildingBlocks.Messaging.RabbitMq;

/// <summary>
/// One long-lived AMQP connection, opened on first use and opened again on the next use after the
/// broker dropped it. Publishing and consuming each hold their own, so a consumer's flow control never
/// blocks a publish. Recovery is ours rather than the client's automatic recovery, so that the
/// consumer loop decides when to redeclare and resubscribe, and a publish never waits on a recovery.
/// </summary>
internal sealed class RabbitMqConnection(RabbitMqOptions options, string purpose) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;
    private bool _disposed;

    public bool IsOpen => _connection is { IsOpen: true };

    public async Task<IConnection> GetAsync(CancellationToken cancellationToken)
    {
        if (_connection is { IsOpen: true } open)
        {
            return open;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_connection is { IsOpen: true } opened)
            {
                return opened;
            }

            if (_connection is not null)
            {
                await _connection.DisposeAsync();
                _connection = null;
            }

            var factory = new ConnectionFactory
            {
                Uri = new Uri(options.ConnectionString),
                AutomaticRecoveryEnabled = false,
                TopologyRecoveryEnabled = false,
                RequestedHeartbeat = TimeSpan.FromSeconds(10),
                RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
                ClientProvidedName = $"{options.ClientName}:{purpose}",
            };
            _connection = await factory.CreateConnectionAsync(cancellationToken);
            return _connection;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            _disposed = true;
            if (_connection is not null)
            {
                try
                {
                    await _connection.CloseAsync(TimeSpan.FromSeconds(2));
                }
                catch (Exception)
                {
                    // Already gone with the broker; nothing left to close.
                }

                await _connection.DisposeAsync();
                _connection = null;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
