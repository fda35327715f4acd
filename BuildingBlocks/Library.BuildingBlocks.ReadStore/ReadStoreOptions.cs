namespace Library.BuildingBlocks.ReadStore;

public enum ReadStoreProvider
{
    LiteDb,
    MongoDb,
}

/// <summary>Bound from the <c>ReadStore</c> configuration section.</summary>
public sealed class ReadStoreOptions
{
    public const string SectionName = "ReadStore";

    public ReadStoreProvider Provider { get; set; } = ReadStoreProvider.LiteDb;

    /// <summary>Folder of the LiteDB files, one file per logical database.</summary>
    public string LiteDbDirectory { get; set; } = "data/litedb";

    public string? MongoConnectionString { get; set; }

    /// <summary>Prefixed to every MongoDB database name; lets test runs share one server safely.</summary>
    public string MongoDatabasePrefix { get; set; } = "";
}
