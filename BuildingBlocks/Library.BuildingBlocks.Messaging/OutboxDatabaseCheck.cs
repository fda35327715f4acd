using Library.BuildingBlocks.Persistence;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Library.BuildingBlocks.Messaging;

/// <summary>
/// A command writes its outbox rows through its own DbContext's transaction, so they land in the
/// command store's database, while CAP's sender, retry and cleaner read the database of
/// <c>ConnectionStrings:Messaging</c>. Were the two different, every command would commit and its event
/// would never be sent again after a failed first attempt, nor ever expire: a silent loss. The host
/// refuses to start instead, before it migrates or accepts a request.
/// </summary>
internal sealed class OutboxDatabaseCheck(string messagingConnectionString, IEnumerable<CommandStoreConnection> stores) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Verify();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Verify()
    {
        var outbox = DatabaseOf(messagingConnectionString);
        foreach (var store in stores)
        {
            var database = DatabaseOf(store.ConnectionString);
            if (!string.Equals(database, outbox, StringComparison.Ordinal))
            {
                // Names hosts and databases, never credentials.
                throw new InvalidOperationException(
                    $"ConnectionStrings:Messaging names {outbox}, but the {store.ModuleName} command store is {database}. "
                    + "The outbox must live in the command store's database, so that an event commits in the same transaction as its change.");
            }
        }
    }

    /// <summary>host:port/database, with the host lower-cased: what decides which PostgreSQL database a connection reaches.</summary>
    internal static string DatabaseOf(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host?.ToLowerInvariant()}:{builder.Port}/{builder.Database ?? builder.Username}";
    }
}
