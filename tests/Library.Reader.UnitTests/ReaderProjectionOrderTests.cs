using FsCheck;
using FsCheck.Fluent;
using Library.BuildingBlocks.ReadStore.Sqlite;
using Library.Reader.Contracts;
using Library.Reader.Query.Projections;
using Library.Reader.Query.ReadModel;

namespace Library.Reader.UnitTests;

/// <summary>
/// The property behind order tolerance: whatever order and multiplicity the snapshots of one reader
/// arrive in, the stored document is the one of the highest version.
/// </summary>
public sealed class ReaderProjectionOrderTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "library-unit", Guid.NewGuid().ToString("N"));
    private readonly SqliteReadStoreProvider _provider;

    public ReaderProjectionOrderTests() => _provider = new SqliteReadStoreProvider(_directory);

    [Fact]
    public void Any_delivery_order_with_duplicates_converges_on_the_newest_version()
    {
        var store = _provider.Open<ReaderDocument>("reader_query", "readers", []);
        var property = Prop.ForAll(
            Gen.Choose(1, 8).SelectMany(versions => Gen.Shuffle(Enumerable.Range(1, versions).Concat(Enumerable.Range(1, versions)).ToArray())).ToArbitrary(),
            deliveries =>
            {
                var readerId = Guid.NewGuid();
                foreach (var version in deliveries)
                {
                    var snapshot = new ReaderSnapshot(
                        "2026/1", $"Name v{version}", null, null, null, true, false, false, [], ReaderStatuses.Active, null, DateTimeOffset.UnixEpoch, null, null);
                    store.UpsertIfNewerAsync(ReaderProjection.ToDocument(readerId, version, DateTimeOffset.UnixEpoch, snapshot)).GetAwaiter().GetResult();
                }

                var stored = store.GetAsync(readerId.ToString()).GetAwaiter().GetResult()!;
                var newest = deliveries.Max();
                return stored.Version == newest && stored.Name == $"Name v{newest}";
            });

        property.QuickCheckThrowOnFailure();
    }

    public void Dispose()
    {
        _provider.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
