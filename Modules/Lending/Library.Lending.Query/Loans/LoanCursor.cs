using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Library.BuildingBlocks.ReadStore;
using Library.BuildingBlocks.Results;

namespace Library.Lending.Query.Loans;

/// <summary>
/// The opaque <c>after</c> cursor of the loan lists (ADR 0024): base64url of the list and sort it belongs
/// to, the last item's sort value (UTC ticks) and its id. Unsigned on purpose: it grants nothing, only
/// says where in a list the caller may read anyway the next page starts; the list and sort are in it so
/// that a cursor of another list or sort is refused rather than read as a position it never was.
/// </summary>
internal static class LoanCursor
{
    public const string InvalidCode = "paging.invalid_cursor";

    /// <summary>Far above any cursor this code writes (about 110 characters); a longer one is not ours.</summary>
    public const int MaxLength = 256;

    private const string Version = "1";

    public static string Encode(string list, ReadSort sort, DateTime value, string id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('|', Version, list, Sort(sort), value.Ticks.ToString(CultureInfo.InvariantCulture), id)));

    /// <summary>The position <paramref name="cursor"/> holds, or a 400 with <see cref="InvalidCode"/> when it is malformed or not a cursor of this list and sort.</summary>
    public static Result<ReadPosition> Decode(string cursor, string list, ReadSort sort)
    {
        if (cursor.Length is 0 or > MaxLength || !Base64Url.IsValid(cursor))
        {
            return Invalid("after is not a cursor this list gave out.");
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            return Invalid("after is not a cursor this list gave out.");
        }

        var parts = text.Split('|');
        if (parts.Length != 5
            || parts[0] != Version
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTime.MaxValue.Ticks
            || parts[4].Length is 0 or > 64
            || parts[4].Any(char.IsControl))
        {
            return Invalid("after is not a cursor this list gave out.");
        }

        if (parts[1] != list || parts[2] != Sort(sort))
        {
            return Invalid("after is a cursor of another list or sort; start this one without it.");
        }

        return new ReadPosition(new DateTime(ticks, DateTimeKind.Utc), parts[4]);
    }

    private static string Sort(ReadSort sort) => sort.Field + (sort.Descending ? ":desc" : ":asc");

    private static Error Invalid(string message) =>
        Error.Validation(InvalidCode, message, new Dictionary<string, string[]>(StringComparer.Ordinal) { ["after"] = [message] });
}
