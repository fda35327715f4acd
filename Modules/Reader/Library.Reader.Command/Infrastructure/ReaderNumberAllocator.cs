using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Library.Reader.Command.Infrastructure;

/// <summary>
/// Hands out <c>YYYY/N</c>. The counter row is incremented inside the registration's transaction,
/// so concurrent registrations serialise on that row and a rolled-back registration gives its number
/// back: numbers are unique, gap-free and never reused.
/// </summary>
internal sealed class ReaderNumberAllocator(ReaderDbContext db)
{
    public async Task<string> NextAsync(int year, CancellationToken cancellationToken)
    {
        var numbers = await db.Database
            .SqlQuery<int>($"""
                INSERT INTO reader.reader_number_counters (year, last_number) VALUES ({year}, 1)
                ON CONFLICT (year) DO UPDATE SET last_number = reader_number_counters.last_number + 1
                RETURNING last_number AS "Value"
                """)
            .ToListAsync(cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"{year}/{numbers.Single()}");
    }
}
