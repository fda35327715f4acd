using Library.BuildingBlocks.Results;
using Library.Reader.Command.Domain;
using Library.Reader.Command.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Library.Reader.Command.Readers;

internal static class ReaderLoader
{
    /// <summary>
    /// Locks the reader's row and then reads it, honouring the version the client sent in If-Match, if any.
    /// The read is a statement of its own after the lock, so under READ COMMITTED it sees the row as the
    /// previous holder of the lock committed it (see the Lending module's CirculationLocks for what a
    /// combined lock-and-read measured). Two desks changing one reader without If-Match then run one
    /// after the other instead of the second failing on the version token.
    /// </summary>
    public static async Task<Result<Domain.Reader>> LoadForChangeAsync(
        this ReaderDbContext db,
        Guid readerId,
        long? expectedVersion,
        CancellationToken cancellationToken)
    {
        var locked = await db.Database
            .SqlQuery<Guid>($"SELECT id AS \"Value\" FROM reader.readers WHERE id = {readerId} FOR UPDATE")
            .ToListAsync(cancellationToken);
        if (locked.Count == 0)
        {
            return ReaderErrors.NotFound(readerId);
        }

        var reader = await db.Readers.SingleAsync(r => r.Id == readerId, cancellationToken);
        if (expectedVersion is { } expected && expected != reader.Version)
        {
            return CommonErrors.VersionMismatch(expected, reader.Version);
        }

        return reader;
    }
}
