using Microsoft.Data.Sqlite;

namespace Library.BuildingBlocks.ReadStore.Sqlite;

/// <summary>
/// One open connection and the statements it keeps prepared. Microsoft.Data.Sqlite prepares a
/// command's statement on its first execution and keeps it while the command's text and connection stay
/// the same, so a command per statement text, kept for the life of the connection, parses each SQL text
/// once (statement texts depend on filter shapes only, see <see cref="SqliteSql"/>). Used by one thread at a time.
/// </summary>
internal sealed class SqliteSession : IDisposable
{
    /// <summary>Far above the shapes the code has; reached only by a bug that puts values into SQL text.</summary>
    private const int MaxPrepared = 512;

    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteSession(SqliteConnection connection) => Connection = connection;

    public SqliteConnection Connection { get; }

    /// <summary>The command of <paramref name="sql"/>, without parameters; valid until the next call.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            if (_commands.Count >= MaxPrepared)
            {
                DisposeCommands();
            }

            command = Connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }

        command.Parameters.Clear();
        return command;
    }

    public int Execute(string sql)
    {
        return Command(sql).ExecuteNonQuery();
    }

    public void Dispose()
    {
        DisposeCommands();
        Connection.Dispose();
    }

    private void DisposeCommands()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
