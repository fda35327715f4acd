using Microsoft.Data.Sqlite;

namespace Library.BuildingBlocks.ReadStore.Sqlite;

/// <summary>What SQLite's result codes mean for the port.</summary>
internal static class SqliteFailures
{
    // Primary result codes (https://sqlite.org/rescode.html).
    private const int Busy = 5;
    private const int Locked = 6;
    private const int IoError = 10;
    private const int Full = 13;
    private const int CannotOpen = 14;

    // Extended result codes of SQLITE_CONSTRAINT (19).
    private const int PrimaryKey = 1555;
    private const int Unique = 2067;

    /// <summary>A duplicate id or value of a unique index: the port's conflict, as the other adapters report it.</summary>
    public static bool IsUniqueViolation(SqliteException exception) =>
        exception.SqliteExtendedErrorCode is Unique or PrimaryKey;

    /// <summary>
    /// The file cannot be opened or written right now (a lock held too long by another process, a full
    /// disk, an I/O error): a condition to retry later, as an unreachable server is for MongoDB.
    /// </summary>
    public static bool IsUnavailable(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: Busy or Locked or IoError or Full or CannotOpen };
}
