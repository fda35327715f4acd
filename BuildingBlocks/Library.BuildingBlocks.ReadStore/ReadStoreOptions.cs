namespace Library.BuildingBlocks.ReadStore;

public enum ReadStoreProvider
{
    Sqlite,
    MongoDb,
}

/// <summary>Bound from the <c>ReadStore</c> configuration section.</summary>
public sealed class ReadStoreOptions
{
    public const string SectionName = "ReadStore";

    public ReadStoreProvider Provider { get; set; } = ReadStoreProvider.Sqlite;

    /// <summary>Folder of the SQLite files, one file per logical database; relative to the content root.</summary>
    public string SqliteDirectory { get; set; } = "data/sqlite";

    public string? MongoConnectionString { get; set; }

    /// <summary>Prefixed to every MongoDB database name; lets test runs share one server safely.</summary>
    public string MongoDatabasePrefix { get; set; } = "";

    /// <summary>
    /// Refuse a sorted query that no declared index serves (see <c>SortIndexes</c>). On in the tests, so
    /// that every sort the handlers use is proven to have its index; off in production, where the query
    /// is better answered slowly than not at all.
    /// </summary>
    public bool RequireIndexedSorts { get; set; }
}
