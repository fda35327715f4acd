using System.Globalization;
using Library.BuildingBlocks.Results;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Library.BuildingBlocks.Http;

/// <summary>
/// Aggregate versions travel as strong ETags (<c>"3"</c>) and come back in <c>If-Match</c> for
/// optimistic concurrency.
/// </summary>
public static class Versioning
{
    public static string ToETag(long version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    public static void SetETag(this HttpResponse response, long version) =>
        response.Headers.ETag = ToETag(version);

    /// <summary>The version the client claims to update; a 428 when absent, 400 when unreadable.</summary>
    public static Result<long> RequiredIfMatch(this HttpRequest request) =>
        request.OptionalIfMatch() is { } parsed
            ? parsed
            : CommonErrors.IfMatchRequired();

    /// <summary>For state transitions where the header is honoured but not demanded.</summary>
    public static Result<long>? OptionalIfMatch(this HttpRequest request)
    {
        var header = request.Headers.IfMatch;
        if (header.Count == 0 || string.IsNullOrWhiteSpace(header.ToString()))
        {
            return null;
        }

        if (!EntityTagHeaderValue.TryParseList(header, out var tags) || tags.Count != 1 || tags[0].IsWeak
            || tags[0].Equals(EntityTagHeaderValue.Any))
        {
            return CommonErrors.InvalidIfMatch();
        }

        var raw = tags[0].Tag.AsSpan().Trim('"');
        return long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? version
            : CommonErrors.InvalidIfMatch();
    }
}
