using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Results;
using Library.Reader.Command.Domain;
using Microsoft.AspNetCore.Http;

namespace Library.Reader.Command.Readers;

internal sealed record ReaderTarget(Guid ReaderId, long? ExpectedVersion);

internal sealed record ReaderVersionResponse(Guid ReaderId, string ReaderNumber, string Status, long Version);

internal static class ReaderChangeResponses
{
    /// <summary>The reader a change targets and the version the client claims it is at.</summary>
    public static Result<ReaderTarget> ParseTarget(string readerId, HttpRequest request, bool ifMatchRequired)
    {
        var target = ChangeTarget.Parse(readerId, request, ifMatchRequired, ReaderErrors.NotFound);
        return target.IsSuccess ? new ReaderTarget(target.Value.Id, target.Value.ExpectedVersion) : target.Error!;
    }

    public static IResult ToVersionResponse(this Result<ReaderChanged> result, HttpResponse response) =>
        result.ToHttpResult(reader =>
        {
            response.SetETag(reader.Version);
            return TypedResults.Ok(new ReaderVersionResponse(reader.ReaderId, reader.ReaderNumber, reader.Status, reader.Version));
        });
}
