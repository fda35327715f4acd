using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Results;
using Microsoft.AspNetCore.Http;

namespace Library.Reader.Command.Readers;

/// <summary>What every reader command answers: the reader and its version after the change.</summary>
internal sealed record ReaderChanged(Guid ReaderId, string ReaderNumber, string Status, long Version);

internal static class ReaderChangedExtensions
{
    public static ReaderChanged ToChanged(this Domain.Reader reader) =>
        new(reader.Id, reader.ReaderNumber, ReaderEventFactory.StatusName(reader.Status), reader.Version);

    /// <summary>200 with the reader's new version, also as the ETag for the next conditional change.</summary>
    public static IResult ToVersionResponse(this Result<ReaderChanged> result, HttpResponse response) =>
        result.ToVersionedOk(response, reader => reader.Version);
}
