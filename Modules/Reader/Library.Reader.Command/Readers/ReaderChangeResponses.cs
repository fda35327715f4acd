using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Results;
using Library.Reader.Command.Domain;
using Microsoft.AspNetCore.Http;

namespace Library.Reader.Command.Readers;

internal sealed record ReaderTarget(Guid ReaderId, long? ExpectedVersion);

internal sealed record ReaderVersionResponse(Guid ReaderId, string ReaderNumber, string Status, long Version);

internal static class ReaderChangeResponses
{
    /// <summary>Route ids are parsed by hand so that a malformed id is a 404 problem, like any unknown id.</summary>
    public static Result<Guid> ParseReaderId(string readerId) =>
        Guid.TryParse(readerId, out var id) ? id : ReaderErrors.NotFound(readerId);

    /// <summary>The reader a change targets and the version the client claims it is at.</summary>
    public static Result<ReaderTarget> ParseTarget(string readerId, HttpRequest request, bool ifMatchRequired)
    {
        var id = ParseReaderId(readerId);
        if (!id.IsSuccess)
        {
            return id.Error;
        }

        var expected = ifMatchRequired ? request.RequiredIfMatch() : request.OptionalIfMatch();
        if (expected is { IsSuccess: false })
        {
            return expected.Error;
        }

        return new ReaderTarget(id.Value, expected?.Value);
    }

    public static IResult ToVersionResponse(this Result<ReaderChanged> result, HttpResponse response) =>
        result.ToHttpResult(reader =>
        {
            response.SetETag(reader.Version);
            return TypedResults.Ok(new ReaderVersionResponse(reader.ReaderId, reader.ReaderNumber, reader.Status, reader.Version));
        });
}
