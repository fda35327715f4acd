using Library.BuildingBlocks.Persistence;

namespace Library.Reader.Command.Infrastructure;

/// <summary>Reader numbers: <c>YYYY/N</c> by the UTC year of registration.</summary>
internal sealed class ReaderNumberAllocator(ReaderDbContext db)
{
    public Task<string> NextAsync(int year, CancellationToken cancellationToken) =>
        YearlyNumberSequence.NextAsync(db, "reader.reader_number_counters", year, cancellationToken);
}
