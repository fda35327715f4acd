using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Library.BuildingBlocks.Messaging;

/// <summary>
/// Samples this process's outbox every <see cref="MessagingOptions.BacklogSampleSeconds"/>: how many
/// events wait to be handed to the transport and how old the oldest is, for the gauges of
/// <see cref="MessagingMetrics"/>. A broker that is down or a sender that cannot keep up shows as a
/// growing age long before a reader notices stale data. One query over CAP's published table (rows
/// are kept <see cref="MessagingOptions.SucceededMessageRetentionSeconds"/> after delivery, so it stays
/// small); a failed sample is logged and tried again at the next tick.
/// </summary>
internal sealed partial class OutboxBacklogSampler(
    string connectionString,
    string schema,
    TimeSpan interval,
    MessagingMetrics metrics,
    ILogger<OutboxBacklogSampler> logger) : BackgroundService
{
    // CAP writes "Added" as the sending process's local time (DateTime.Now), so the age is taken
    // against the same clock here, not the database's.
    private readonly string _query =
        $"""SELECT count(*), min("Added") FROM {new NpgsqlCommandBuilder().QuoteIdentifier(schema)}.published WHERE "StatusName" <> 'Succeeded'""";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                await SampleAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                LogSampleFailed(logger, ex.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(_query, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return;
        }

        var pending = reader.GetInt64(0);
        var age = pending == 0 || reader.IsDBNull(1) ? 0 : Math.Max(0, (DateTime.Now - reader.GetDateTime(1)).TotalSeconds);
        metrics.Outbox.Set(pending, age);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not sample the outbox backlog ({Failure}); trying again at the next tick")]
    private static partial void LogSampleFailed(ILogger logger, string failure);
}
