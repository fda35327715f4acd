using Library.BuildingBlocks.Privacy;
using Npgsql;

namespace Library.BuildingBlocks.Messaging;

/// <summary>
/// Deletes this process's stored copies of messages that mention an erased person: the rows of CAP's
/// outbox and inbox that were delivered (or given up on) and whose body names the person's id. Each
/// service runs it when it handles the erasure, so no service's message store keeps the old name,
/// e-mail or phone number until its retention runs out. Messages still to be sent or handled are left
/// alone (deleting them would lose events); they expire <see cref="MessagingOptions.SucceededMessageRetentionSeconds"/>
/// after delivery. See docs/adr/0003-personal-data-after-erasure.md.
/// </summary>
internal sealed class PersonalDataPurge : IPersonalDataPurge
{
    private readonly string _connectionString;
    private readonly string _published;
    private readonly string _received;
    private readonly bool _enabled;

    /// <param name="connectionString">The database of CAP's outbox and inbox.</param>
    /// <param name="schema">Their schema.</param>
    /// <param name="enabled">Off only where a test replays the whole event history (<c>Messaging:PurgeOnErasure</c>).</param>
    internal PersonalDataPurge(string connectionString, string schema, bool enabled = true)
    {
        _connectionString = connectionString;
        _enabled = enabled;
        var quoted = new NpgsqlCommandBuilder().QuoteIdentifier(schema);
        _published = $"{quoted}.published";
        _received = $"{quoted}.received";
    }

    /// <summary>Returns how many stored messages were deleted.</summary>
    public async Task<int> PurgeMessagesAboutAsync(Guid subjectId, CancellationToken cancellationToken)
    {
        if (!_enabled)
        {
            return 0;
        }

        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        var deleted = 0;
        foreach (var table in new[] { _published, _received })
        {
#pragma warning disable CA2100 // The table name is the configured schema, quoted; the id is a parameter.
            await using var delete = new NpgsqlCommand(
                $"""DELETE FROM {table} WHERE "StatusName" IN ('Succeeded', 'Failed') AND "Content" LIKE @subject""", connection);
#pragma warning restore CA2100
            delete.Parameters.AddWithValue("subject", $"%{subjectId}%");
            deleted += await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        return deleted;
    }
}
