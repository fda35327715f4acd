using Library.BuildingBlocks.Results;
using Microsoft.AspNetCore.Http;

namespace Library.BuildingBlocks.Http;

/// <summary>The aggregate a change targets, and the version the client claims it is at (from If-Match).</summary>
public sealed record ChangeTarget(Guid Id, long? ExpectedVersion)
{
    /// <summary>
    /// Route ids are parsed by hand so that a malformed id is the same 404 problem as an unknown one:
    /// no such resource can exist.
    /// </summary>
    public static Result<ChangeTarget> Parse(string rawId, HttpRequest request, bool ifMatchRequired, Func<string, Error> notFound)
    {
        if (!Guid.TryParse(rawId, out var id))
        {
            return notFound(rawId);
        }

        var expected = ifMatchRequired ? request.RequiredIfMatch() : request.OptionalIfMatch();
        if (expected is { IsSuccess: false })
        {
            return expected.Error;
        }

        return new ChangeTarget(id, expected?.Value);
    }
}
