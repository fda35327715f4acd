using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Results;
using Library.Reader.Command.Domain;
using Microsoft.AspNetCore.Http;

namespace Library.Reader.Command.Readers;

internal sealed record ReaderVersionResponse(Guid ReaderId, string ReaderNumber, string Status, long Version);

internal static class ReaderChangeResponses
{
    /// <summary>Route ids are parsed by hand so that a malformed id is a 404 problem, like any unknown id.</summary>
    public static Result<Guid> ParseReaderId(string readerId) =>
        Guid.TryParse(readerId, out var id) ? id : ReaderErrors.NotFound(readerId);

    public static IResult ToVersionResponse(this Result<ReaderChanged> result, HttpResponse response) =>
        result.ToHttpResult(reader =>
        {
            response.SetETag(reader.Version);
            return TypedResults.Ok(new ReaderVersionResponse(reader.ReaderId, reader.ReaderNumber, reader.Status, reader.Version));
        });
}
