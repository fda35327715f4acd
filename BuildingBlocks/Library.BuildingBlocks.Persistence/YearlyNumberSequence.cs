using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Library.BuildingBlocks.Persistence;

/// <summary>
/// Hands out <c>YYYY/N</c> numbers from a counter table (<c>year</c> primary key, <c>last_number</c>).
/// The counter row is incremented inside the caller's transaction, so concurrent callers serialise on
/// that row and a rolled-back command gives its number back: numbers are unique, gap-free, never reused.
/// </summary>
public static class YearlyNumberSequence
{
    /// <summary><paramref name="counterTable"/> is schema-qualified and a constant of the module, never user input.</summary>
    public static async Task<string> NextAsync(DbContext db, string counterTable, int year, CancellationToken cancellationToken)
    {
#pragma warning disable EF1002 // The table name is a module constant; the year is a parameter.
        var numbers = await db.Database
            .SqlQueryRaw<int>(
                $$"""
                INSERT INTO {{counterTable}} AS counter (year, last_number) VALUES ({0}, 1)
                ON CONFLICT (year) DO UPDATE SET last_number = counter.last_number + 1
                RETURNING last_number AS "Value"
                """,
                year)
            .ToListAsync(cancellationToken);
#pragma warning restore EF1002
        return string.Create(CultureInfo.InvariantCulture, $"{year}/{numbers.Single()}");
    }
}
