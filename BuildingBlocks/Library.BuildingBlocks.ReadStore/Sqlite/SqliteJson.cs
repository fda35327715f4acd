using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Library.BuildingBlocks.ReadStore.Sqlite;

/// <summary>
/// How documents are stored: JSON text with the element names of the other adapters (camelCase, the id
/// as <c>_id</c>, <see cref="FieldNames"/>), and every value in a form whose SQLite order is its .NET
/// order, because filters and indexes compare what <c>json_extract</c> returns: numbers as numbers,
/// enums as their names (as both other adapters store them), Guids as lower-case text (the order of
/// MongoDB's standard UUID bytes), and instants as fixed-width UTC text.
/// </summary>
internal static class SqliteJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = new ElementNamingPolicy(),

        // Non-ASCII text stays readable in the file (a name is "Łucja", not "\u0141ucja"); quotes,
        // backslashes and control characters are still escaped, which is all JSON needs.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(), new UtcDateTimeConverter(), new UtcDateTimeOffsetConverter() },
    };

    /// <summary>
    /// The SQLite value a filter compares a field with: the value exactly as the document's field is
    /// stored, so that equality and order agree with what <c>json_extract</c> reads back.
    /// </summary>
    public static object Parameter(object? value) => value switch
    {
        null => DBNull.Value,
        string s => s,
        long or int or short or sbyte or byte or ushort or uint => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        bool b => b ? 1L : 0L,
        double or float or decimal => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        DateTime d => Instant(d),
        DateTimeOffset d => Instant(d.UtcDateTime),
        Guid g => g.ToString("D"),
        _ => FromJson(JsonSerializer.SerializeToElement(value, value.GetType(), Options)),
    };

    /// <summary>A value as the JSON a whole-document write stores it as.</summary>
    public static string Serialize(object? value) =>
        value is null ? "null" : JsonSerializer.Serialize(value, value.GetType(), Options);

    /// <summary>
    /// An instant as text that sorts as time does: UTC, always seven fractional digits. (System.Text.Json
    /// trims trailing zeros, and "10:30:15Z" would then sort after "10:30:15.1Z".) Kept to the tick, where
    /// MongoDB keeps milliseconds (as LiteDB did).
    /// </summary>
    public static string Instant(DateTime value)
    {
        // As the LiteDB adapter did: an instant that is not UTC is converted to it.
        var utc = value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime();
        return utc.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'", CultureInfo.InvariantCulture);
    }

    private static object FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Number when element.TryGetInt64(out var whole) => whole,
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => 1L,
        JsonValueKind.False => 0L,
        JsonValueKind.Null => DBNull.Value,
        _ => throw new NotSupportedException($"Filters on {element.ValueKind} values are not supported."),
    };

    private sealed class ElementNamingPolicy : JsonNamingPolicy
    {
        public override string ConvertName(string name) => FieldNames.ToElementName(name);
    }

    private sealed class UtcDateTimeConverter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetDateTime().ToUniversalTime();

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Instant(value));
    }

    /// <summary>An instant with an offset is stored as its UTC instant and read back at offset zero, as the other adapters do.</summary>
    private sealed class UtcDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(reader.GetDateTime().ToUniversalTime(), TimeSpan.Zero);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Instant(value.UtcDateTime));
    }
}
