using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Library.BuildingBlocks.Persistence;

/// <summary>
/// Hands out <c>YYYY/N</c> numbers from a counter table (<c>year</c> primary key, <c>last_number</c>),
/// in one of two ways, chosen per number by how often it is drawn:
/// <list type="bullet">
/// <item><see cref="NextAsync"/> increments the counter inside the caller's transaction: concurrent
/// callers serialise on the counter row until commit, and a rolled-back command gives its number
/// back, so numbers are gap-free. Right for numbers drawn rarely (reader registrations).</item>
/// <item><see cref="NextCommittedAsync"/> increments it in a transaction of its own, committed at once:
/// the row is locked for one statement, not for the caller's whole transaction, so it does not cap
/// throughput. A caller that then rolls back leaves a gap. Right for numbers drawn constantly (loans).</item>
/// </list>
/// Either way numbers are unique and never reused.
/// </summary>
public static class YearlyNumberSequence
{
    /// <summary><paramref name="counterTable"/> is schema-qualified and a constant of the module, never user input.</summary>
    public static async Task<string> NextAsync(DbContext db, string counterTable, int year, CancellationToken cancellationToken)
    {
#pragma warning disable EF1002 // The table name is a module constant; the year is a parameter.
        var numbers = await db.Database
            .SqlQueryRaw<int>(IncrementSql(counterTable, "{0}"), year)
            .ToListAsync(cancellationToken);
#pragma warning restore EF1002
        return Format(year, numbers.Single());
    }

    /// <summary>The number is committed before this returns, on a connection of its own to <paramref name="db"/>'s database.</summary>
    public static async Task<string> NextCommittedAsync(DbContext db, string counterTable, int year, CancellationToken cancellationToken)
    {
        var connectionString = db.Database.GetConnectionString()
            ?? throw new InvalidOperationException("The context has no connection string to open a connection of its own.");
        await using var connection = new NpgsqlConnection(NumbersPools.GetOrAdd(connectionString, OwnPool));
        await connection.OpenAsync(cancellationToken);
#pragma warning disable CA2100 // The table name is a module constant; the year is a parameter.
        await using var command = new NpgsqlCommand(IncrementSql(counterTable, "$1"), connection) { Parameters = { new() { Value = year } } };
#pragma warning restore CA2100
        var number = (int)(await command.ExecuteScalarAsync(cancellationToken))!;
        return Format(year, number);
    }

    /// <summary>
    /// The caller already holds a connection of the main pool while it draws a number; drawing from that
    /// same pool could leave every connection held by a caller waiting for one more. A pool of its own
    /// (a different connection string is a different pool) cannot be drained that way.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> NumbersPools = new(StringComparer.Ordinal);

    private static string OwnPool(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString)
        {
            ApplicationName = "library-numbers",
            MaxPoolSize = 16,
        }.ConnectionString;

    private static string IncrementSql(string counterTable, string yearParameter) =>
        $$"""
        INSERT INTO {{counterTable}} AS counter (year, last_number) VALUES ({{yearParameter}}, 1)
        ON CONFLICT (year) DO UPDATE SET last_number = counter.last_number + 1
        RETURNING last_number AS "Value"
        """;

    private static string Format(int year, int number) => string.Create(CultureInfo.InvariantCulture, $"{year}/{number}");
}
