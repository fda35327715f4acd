namespace Library.BuildingBlocks.ReadStore;

/// <summary>Both adapters store documents with camelCase element names and the id as <c>_id</c>.</summary>
internal static class FieldNames
{
    public static string ToElementName(string propertyName) =>
        propertyName == nameof(IReadDocument.Id)
            ? "_id"
            : char.ToLowerInvariant(propertyName[0]) + propertyName[1..];
}
