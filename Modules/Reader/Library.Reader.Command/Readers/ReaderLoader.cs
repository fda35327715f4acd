using Library.BuildingBlocks.Results;
using Library.Reader.Command.Domain;
using Library.Reader.Command.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Library.Reader.Command.Readers;

internal static class ReaderLoader
{
    /// <summary>Loads a reader for a change, honouring the version the client sent in If-Match, if any.</summary>
    public static async Task<Result<Domain.Reader>> LoadForChangeAsync(
        this ReaderDbContext db,
        Guid readerId,
        long? expectedVersion,
        CancellationToken cancellationToken)
    {
        var reader = await db.Readers.SingleOrDefaultAsync(r => r.Id == readerId, cancellationToken);
        if (reader is null)
        {
            return ReaderErrors.NotFound(readerId);
        }

        if (expectedVersion is { } expected && expected != reader.Version)
        {
            return CommonErrors.VersionMismatch(expected, reader.Version);
        }

        return reader;
    }
}
