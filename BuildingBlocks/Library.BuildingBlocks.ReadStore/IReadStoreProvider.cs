using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Library.BuildingBlocks.ReadStore;

/// <summary>Opens collections of one backend; a host has exactly one provider, shared by its query modules.</summary>
public interface IReadStoreProvider
{
    IReadStore<TDocument> Open<TDocument>(string database, string collection, IReadOnlyList<ReadIndex> indexes)
        where TDocument : class, IReadDocument;

    Task<HealthCheckResult> CheckHealthAsync(string database, CancellationToken cancellationToken);
}
