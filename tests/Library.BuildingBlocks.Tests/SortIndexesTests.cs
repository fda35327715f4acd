using Library.BuildingBlocks.ReadStore;
using Library.BuildingBlocks.ReadStore.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Library.BuildingBlocks.Tests;

/// <summary>
/// MongoDB sorts in memory unless an index yields the order: the equality fields, then the sort field,
/// then <c>_id</c> (every sort breaks ties by id), scanned forwards or backwards.
/// </summary>
public sealed class SortIndexesTests
{
    private const string Shelf = nameof(ContractDocument.Shelf);
    private const string DueAt = nameof(ContractDocument.DueAt);
    private const string Name = nameof(ContractDocument.Name);

    private static readonly ReadIndex DueAtAscending = ReadIndex.Sorted(ReadSort.Ascending(DueAt));
    private static readonly ReadIndex ShelfThenDueAtDescending = ReadIndex.Sorted(ReadSort.DescendingBy(DueAt), Shelf);

    [Fact]
    public void A_sort_is_served_by_its_field_followed_by_the_id_in_either_scan_direction()
    {
        Assert.True(SortIndexes.Serves([DueAtAscending], new ReadQuery(ReadFilter.All, ReadSort.Ascending(DueAt))));
        Assert.True(SortIndexes.Serves([DueAtAscending], new ReadQuery(ReadFilter.Lt(DueAt, DateTime.UtcNow), ReadSort.Ascending(DueAt))));
        Assert.False(SortIndexes.Serves([DueAtAscending], new ReadQuery(ReadFilter.All, ReadSort.DescendingBy(DueAt))), "a backward scan yields _id descending too");
        Assert.True(SortIndexes.Serves(
            [new ReadIndex([new ReadIndexKey(DueAt, Descending: true), new ReadIndexKey(nameof(IReadDocument.Id), Descending: true)])],
            new ReadQuery(ReadFilter.All, ReadSort.Ascending(DueAt))));
    }

    [Fact]
    public void A_single_field_index_does_not_serve_a_sort_with_its_id_tie_break()
    {
        Assert.False(SortIndexes.Serves([new ReadIndex(DueAt)], new ReadQuery(ReadFilter.All, ReadSort.Ascending(DueAt))));
        Assert.False(SortIndexes.Serves([], new ReadQuery(ReadFilter.All, ReadSort.Ascending(Name))));
    }

    [Fact]
    public void Leading_fields_serve_only_when_the_query_fixes_them_by_equality()
    {
        var sort = ReadSort.DescendingBy(DueAt);
        Assert.True(SortIndexes.Serves([ShelfThenDueAtDescending], new ReadQuery(ReadFilter.Eq(Shelf, "A"), sort)));
        Assert.True(SortIndexes.Serves([ShelfThenDueAtDescending], new ReadQuery(ReadFilter.And(ReadFilter.Eq(Shelf, "A"), ReadFilter.Eq(Name, "n")), sort)));
        Assert.True(SortIndexes.Serves([ShelfThenDueAtDescending], new ReadQuery(ReadFilter.In(Shelf, ["A"]), sort)));
        Assert.False(SortIndexes.Serves([ShelfThenDueAtDescending], new ReadQuery(ReadFilter.All, sort)));
        Assert.False(SortIndexes.Serves([ShelfThenDueAtDescending], new ReadQuery(ReadFilter.Gt(Shelf, "A"), sort)));
        Assert.False(SortIndexes.Serves([ShelfThenDueAtDescending], new ReadQuery(ReadFilter.In(Shelf, ["A", "B"]), sort)));
    }

    [Fact]
    public void Unsorted_queries_and_sorts_by_id_need_no_declared_index()
    {
        Assert.True(SortIndexes.Serves([], new ReadQuery(ReadFilter.Eq(Shelf, "A"))));
        Assert.True(SortIndexes.Serves([], new ReadQuery(ReadFilter.All, ReadSort.Ascending(nameof(IReadDocument.Id)))));
    }

    [Fact]
    public async Task An_adapter_told_to_require_indexed_sorts_refuses_an_unserved_sort()
    {
        var directory = Path.Combine(Path.GetTempPath(), "library-contract", Guid.NewGuid().ToString("N"));
        using (var provider = new SqliteReadStoreProvider(directory, requireIndexedSorts: true))
        {
            var store = provider.Open<ContractDocument>("sorts", "documents", [ShelfThenDueAtDescending]);
            await store.UpsertIfNewerAsync(new ContractDocument { Id = "a", Version = 1, Shelf = "A" });

            Assert.Single(await store.FindAsync(new ReadQuery(ReadFilter.Eq(Shelf, "A"), ReadSort.DescendingBy(DueAt))));
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => store.FindAsync(new ReadQuery(ReadFilter.All, ReadSort.DescendingBy(DueAt))));
            Assert.Contains("ReadIndex.Sorted", refused.Message, StringComparison.Ordinal);
        }

        Directory.Delete(directory, recursive: true);
    }

    /// <summary>The embedded store's host: starts without opening anything, then becomes ready once the background set-up has run.</summary>
    [Fact]
    public async Task A_sqlite_host_sets_its_collections_up_in_the_background_and_then_reports_ready()
    {
        var directory = Path.Combine(Path.GetTempPath(), "library-contract", Guid.NewGuid().ToString("N"));
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ReadStore:SqliteDirectory"] = directory });
        builder.Services.AddReadCollection<ContractDocument>(builder.Configuration, "contract", "documents", new ReadIndex(Shelf, unique: true));
        using (var host = builder.Build())
        {
            await host.StartAsync();
            var store = (IReadCollection)host.Services.GetRequiredService<IReadStore<ContractDocument>>();
            await Eventually.Until(() => Task.FromResult(store.IsSetUp), done => done, what: "the collection's indexes created in the background");

            var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Tags.Contains("ready"));
            Assert.Equal(HealthStatus.Healthy, report.Status);
            await host.StopAsync();
        }

        Directory.Delete(directory, recursive: true);
    }
}
