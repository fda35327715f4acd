using Library.BuildingBlocks.ReadStore;
using Library.BuildingBlocks.ReadStore.MongoDb;
using Library.BuildingBlocks.ReadStore.Sqlite;

namespace Library.BuildingBlocks.Tests;

public sealed class ContractDocument : IReadDocument
{
    public string Id { get; set; } = "";

    public long Version { get; set; }

    public string Name { get; set; } = "";

    public string Shelf { get; set; } = "";

    public long AmountCents { get; set; }

    public DateTime DueAt { get; set; }

    public List<string> Tags { get; set; } = [];

    public string? Note { get; set; }

    public DateTime? RemindAt { get; set; }

    public ContractKind Kind { get; set; }

    public Guid OwnerId { get; set; }

    public DateTimeOffset? SeenAt { get; set; }
}

public enum ContractKind
{
    Paper,
    Audio,
    Digital,
}

/// <summary>
/// One behaviour, both adapters: every test here runs against SQLite always and against MongoDB when
/// LIBRARY_TEST_MONGO holds a connection string, so the adapters cannot drift apart.
/// </summary>
public abstract class ReadStoreContractTests : IAsyncLifetime
{
    private IReadStoreProvider? _provider;

    protected IReadStore<ContractDocument> Store { get; private set; } = null!;

    protected IReadStoreProvider Provider => _provider!;

    protected abstract IReadStoreProvider CreateProvider();

    public ValueTask InitializeAsync()
    {
        _provider = CreateProvider();
        Store = _provider.Open<ContractDocument>("contract", "documents_" + Guid.NewGuid().ToString("N"), [
            new ReadIndex(nameof(ContractDocument.Shelf)),
            new ReadIndex(nameof(ContractDocument.DueAt)),
            new ReadIndex(nameof(ContractDocument.RemindAt))]);
        return ValueTask.CompletedTask;
    }

    public virtual ValueTask DisposeAsync()
    {
        (_provider as IDisposable)?.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    protected static ContractDocument Doc(string id, long version, string name = "n", string shelf = "A", long cents = 0, int dueDay = 1) => new()
    {
        Id = id,
        Version = version,
        Name = name,
        Shelf = shelf,
        AmountCents = cents,
        DueAt = new DateTime(2026, 1, dueDay, 10, 30, 15, 123, DateTimeKind.Utc),
        Tags = ["x", "y"],
    };

    [Fact]
    public async Task A_document_round_trips_with_its_types_intact()
    {
        Assert.True(await Store.UpsertIfNewerAsync(Doc("a", 1, "Ąłę Ünïcode", cents: 123_456_789_012)));

        var stored = await Store.GetAsync("a");

        Assert.NotNull(stored);
        Assert.Equal("Ąłę Ünïcode", stored.Name);
        Assert.Equal(123_456_789_012, stored.AmountCents);
        Assert.Equal(new DateTime(2026, 1, 1, 10, 30, 15, 123, DateTimeKind.Utc), stored.DueAt);
        Assert.Equal(DateTimeKind.Utc, stored.DueAt.Kind);
        Assert.Equal(["x", "y"], stored.Tags);
        Assert.Null(stored.Note);
    }

    /// <summary>JSON escapes some characters (quotes, controls, characters outside the basic plane); the stored value must still compare as the text itself.</summary>
    [Fact]
    public async Task Escaped_and_astral_characters_round_trip_and_compare_as_text()
    {
        const string name = "Zoë \"the ☃\" 📚 back\\slash\ttab";
        Assert.True(await Store.UpsertIfNewerAsync(Doc("e", 1, name, shelf: "📚")));

        Assert.Equal(name, (await Store.GetAsync("e"))!.Name);
        Assert.Equal(1, await Store.CountAsync(ReadFilter.Contains(nameof(ContractDocument.Name), "📚 back\\")));
        Assert.Equal(1, await Store.CountAsync(ReadFilter.Contains(nameof(ContractDocument.Name), "\"the ☃\"")));
        Assert.Equal(1, await Store.CountAsync(ReadFilter.Eq(nameof(ContractDocument.Shelf), "📚")));
        Assert.Equal(1, await Store.CountAsync(ReadFilter.Eq(nameof(ContractDocument.Name), name)));
    }

    [Fact]
    public async Task A_bulk_insert_stores_every_document_queryable_by_its_indexes()
    {
        var documents = Enumerable.Range(0, 12_001).Select(i => Doc($"bulk-{i:D5}", 1, shelf: i % 3 == 0 ? "A" : "B", dueDay: 1 + (i % 28))).ToList();

        await Store.InsertManyAsync(documents);

        Assert.Equal(12_001, await Store.CountAsync(ReadFilter.All));
        Assert.Equal(4_001, await Store.CountAsync(ReadFilter.Eq(nameof(ContractDocument.Shelf), "A")));
        Assert.Equal("bulk-12000", (await Store.GetAsync("bulk-12000"))?.Id);
        Assert.True(await Store.UpsertIfNewerAsync(Doc("bulk-00000", 2, name: "after")));
        Assert.False(await Store.UpsertIfNewerAsync(Doc("bulk-00001", 1, name: "same version")));
    }

    [Fact]
    public async Task Concurrent_writers_of_different_documents_all_land_with_their_own_results()
    {
        var writes = Enumerable.Range(0, 400).Select(i => Task.Run(() => Store.UpsertIfNewerAsync(Doc($"c{i % 200}", 1 + (i / 200), cents: i)))).ToArray();

        var written = await Task.WhenAll(writes);

        // Version 2 of each document is the newest, so it is written whenever it arrives; version 1
        // only when it arrives first.
        Assert.All(written[200..], Assert.True);
        Assert.Equal(200, await Store.CountAsync(ReadFilter.All));
        Assert.All(await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Store.GetAsync($"c{i}"))), d => Assert.Equal(2, d!.Version));
    }

    [Fact]
    public async Task A_missing_document_is_null() => Assert.Null(await Store.GetAsync("nope"));

    [Fact]
    public async Task Only_a_newer_version_replaces_a_document()
    {
        Assert.True(await Store.UpsertIfNewerAsync(Doc("a", 2, "second")));
        Assert.False(await Store.UpsertIfNewerAsync(Doc("a", 1, "first")));
        Assert.False(await Store.UpsertIfNewerAsync(Doc("a", 2, "second again")));
        Assert.Equal("second", (await Store.GetAsync("a"))!.Name);

        Assert.True(await Store.UpsertIfNewerAsync(Doc("a", 5, "fifth")));
        Assert.Equal("fifth", (await Store.GetAsync("a"))!.Name);
    }

    [Fact]
    public async Task A_conditional_replace_happens_only_while_the_condition_holds()
    {
        await Store.UpsertIfNewerAsync(Doc("r", 3, "original", shelf: "A"));

        Assert.False(await Store.ReplaceIfAsync(Doc("r", 3, "wrong shelf"), ReadFilter.Eq(nameof(ContractDocument.Shelf), "B")));
        Assert.False(await Store.ReplaceIfAsync(Doc("missing", 1, "absent"), ReadFilter.All));
        Assert.Equal("original", (await Store.GetAsync("r"))!.Name);
        Assert.Null(await Store.GetAsync("missing"));

        Assert.True(await Store.ReplaceIfAsync(
            Doc("r", 3, "replaced", shelf: "B"),
            ReadFilter.And(ReadFilter.Eq(nameof(ContractDocument.Shelf), "A"), ReadFilter.Eq(nameof(ContractDocument.Version), 3L))));
        Assert.Equal("replaced", (await Store.GetAsync("r"))!.Name);

        // The document now fails the old condition: a second writer holding the old state loses.
        Assert.False(await Store.ReplaceIfAsync(Doc("r", 3, "late writer"), ReadFilter.Eq(nameof(ContractDocument.Shelf), "A")));
        Assert.Equal("replaced", (await Store.GetAsync("r"))!.Name);
    }

    [Fact]
    public async Task Concurrent_upserts_of_one_document_keep_the_highest_version()
    {
        var versions = Enumerable.Range(1, 40).Reverse().Concat(Enumerable.Range(1, 40)).ToArray();
        var applied = await Task.WhenAll(versions.Select(v => Task.Run(() => Store.UpsertIfNewerAsync(Doc("c", v, $"v{v}")))));

        Assert.Equal(40, (await Store.GetAsync("c"))!.Version);
        Assert.Equal("v40", (await Store.GetAsync("c"))!.Name);
        Assert.InRange(applied.Count(a => a), 1, 40);
    }

    [Fact]
    public async Task Find_filters_sorts_and_pages_and_count_matches_the_filter()
    {
        for (var i = 1; i <= 7; i++)
        {
            await Store.UpsertIfNewerAsync(Doc($"d{i}", 1, $"name {i}", shelf: i % 2 == 0 ? "even" : "odd", cents: i * 100, dueDay: 8 - i));
        }

        var odd = ReadFilter.Eq(nameof(ContractDocument.Shelf), "odd");
        var page = await Store.FindAsync(new ReadQuery(odd, ReadSort.Ascending(nameof(ContractDocument.DueAt)), Skip: 1, Take: 2));

        Assert.Equal(["d5", "d3"], page.Select(d => d.Id));
        Assert.Equal(4, await Store.CountAsync(odd));
        Assert.Equal(7, await Store.CountAsync(ReadFilter.All));

        var descending = await Store.FindAsync(new ReadQuery(ReadFilter.All, ReadSort.DescendingBy(nameof(ContractDocument.AmountCents)), 0, 3));
        Assert.Equal(["d7", "d6", "d5"], descending.Select(d => d.Id));
    }

    [Fact]
    public async Task Top_sums_group_the_matching_documents_in_the_store_largest_first_ties_in_ordinal_order()
    {
        // Shelves "B" and "a" tie at 500 ("B" first: ordinal, not culture, order); "c" sums past Int32;
        // "z" holds only a document the filter leaves out; a document without the group field is no group.
        (string Id, string Shelf, long Cents, int DueDay)[] rows =
        [
            ("1", "a", 200, 1), ("2", "a", 300, 2), ("3", "B", 500, 3), ("4", "c", 3_000_000_000, 4),
            ("5", "c", 3_000_000_000, 5), ("6", "d", 100, 6), ("7", "z", 9_999, 20),
        ];
        foreach (var (id, shelf, cents, day) in rows)
        {
            await Store.UpsertIfNewerAsync(Doc(id, 1, shelf: shelf, cents: cents, dueDay: day));
        }

        var noted = Doc("8", 1, shelf: "d", cents: 1, dueDay: 7);
        noted.Note = "n";
        await Store.UpsertIfNewerAsync(noted);
        var firstWeeks = ReadFilter.Lte(nameof(ContractDocument.DueAt), new DateTime(2026, 1, 15, 0, 0, 0, DateTimeKind.Utc));

        var top = await Store.TopSumsAsync(firstWeeks, nameof(ContractDocument.Shelf), nameof(ContractDocument.AmountCents), 3);
        Assert.Equal([new ReadSum("c", 6_000_000_000), new ReadSum("B", 500), new ReadSum("a", 500)], top);

        var all = await Store.TopSumsAsync(firstWeeks, nameof(ContractDocument.Shelf), nameof(ContractDocument.AmountCents), 10);
        Assert.Equal([("c", 6_000_000_000L), ("B", 500L), ("a", 500L), ("d", 101L)], all.Select(s => (s.Group, s.Sum)));

        // Grouped by a field most documents lack: only the one that has it.
        Assert.Equal([new ReadSum("n", 1)], await Store.TopSumsAsync(ReadFilter.All, nameof(ContractDocument.Note), nameof(ContractDocument.AmountCents), 10));
        Assert.Empty(await Store.TopSumsAsync(ReadFilter.Eq(nameof(ContractDocument.Shelf), "none"), nameof(ContractDocument.Shelf), nameof(ContractDocument.AmountCents), 10));
    }

    [Fact]
    public async Task Comparison_in_contains_and_and_filters_agree_across_adapters()
    {
        for (var i = 1; i <= 5; i++)
        {
            await Store.UpsertIfNewerAsync(Doc($"f{i}", 1, i == 3 ? "Zofia Nowak" : $"reader {i}", shelf: $"s{i}", cents: i * 10, dueDay: i));
        }

        async Task<string[]> Ids(ReadFilter filter) =>
            [.. (await Store.FindAsync(new ReadQuery(filter, ReadSort.Ascending(nameof(ContractDocument.AmountCents))))).Select(d => d.Id)];

        Assert.Equal(["f4", "f5"], await Ids(ReadFilter.Gt(nameof(ContractDocument.AmountCents), 30L)));
        Assert.Equal(["f3", "f4", "f5"], await Ids(ReadFilter.Gte(nameof(ContractDocument.AmountCents), 30L)));
        Assert.Equal(["f1"], await Ids(ReadFilter.Lt(nameof(ContractDocument.AmountCents), 20L)));
        Assert.Equal(["f1", "f2"], await Ids(ReadFilter.Lte(nameof(ContractDocument.DueAt), new DateTime(2026, 1, 2, 23, 0, 0, DateTimeKind.Utc))));
        Assert.Equal(["f2", "f4"], await Ids(ReadFilter.In(nameof(ContractDocument.Shelf), ["s2", "s4", "s9"])));
        Assert.Equal(["f3"], await Ids(ReadFilter.Contains(nameof(ContractDocument.Name), "fia No")));
        Assert.Empty(await Ids(ReadFilter.Contains(nameof(ContractDocument.Name), "zofia")));
        Assert.Equal(["f1"], await Ids(ReadFilter.Contains(nameof(ContractDocument.Name), "r 1")));
        Assert.Empty(await Ids(ReadFilter.Contains(nameof(ContractDocument.Name), ".*")));
        Assert.Empty(await Ids(ReadFilter.Eq(nameof(ContractDocument.Shelf), "S1")));
        Assert.Equal(["f3"], await Ids(ReadFilter.And(
            ReadFilter.Contains(nameof(ContractDocument.Name), "fia"), ReadFilter.Eq(nameof(ContractDocument.Shelf), "s3"))));
        Assert.Equal(["f3"], await Ids(ReadFilter.And(
            ReadFilter.Eq(nameof(ContractDocument.Shelf), "s3"), ReadFilter.Contains(nameof(ContractDocument.Name), "fia"))));
        Assert.Equal(["f2"], await Ids(ReadFilter.And(
            ReadFilter.Contains(nameof(ContractDocument.Name), "reader"), ReadFilter.Contains(nameof(ContractDocument.Name), " 2"))));
        Assert.Equal(["f2"], await Ids(ReadFilter.And(
            ReadFilter.Gte(nameof(ContractDocument.AmountCents), 20L),
            ReadFilter.Lt(nameof(ContractDocument.AmountCents), 40L),
            ReadFilter.Eq(nameof(ContractDocument.Shelf), "s2"))));
        Assert.Equal(["f1"], await Ids(ReadFilter.Eq(nameof(ContractDocument.Id), "f1")));
    }

    [Fact]
    public async Task Range_filters_never_match_a_missing_value()
    {
        static DateTime Day(int day) => new(2026, 3, day, 9, 0, 0, DateTimeKind.Utc);
        for (var i = 1; i <= 6; i++)
        {
            var document = Doc($"r{i}", 1, shelf: i % 2 == 0 ? "even" : "odd", cents: i);
            document.RemindAt = i <= 4 ? Day(i) : null;
            document.Note = i <= 4 ? $"note {i}" : null;
            await Store.UpsertIfNewerAsync(document);
        }

        async Task<string[]> Ids(ReadFilter filter, int skip = 0, int take = 100) =>
            [.. (await Store.FindAsync(new ReadQuery(filter, ReadSort.Ascending(nameof(ContractDocument.RemindAt)), skip, take))).Select(d => d.Id)];

        var remindAt = nameof(ContractDocument.RemindAt);
        Assert.Equal(["r1", "r2"], await Ids(ReadFilter.Lt(remindAt, Day(3))));
        Assert.Equal(["r1", "r2", "r3"], await Ids(ReadFilter.Lte(remindAt, Day(3))));
        Assert.Equal(["r3", "r4"], await Ids(ReadFilter.Gt(remindAt, Day(2))));
        Assert.Equal(["r2", "r3", "r4"], await Ids(ReadFilter.Gte(remindAt, Day(2))));
        Assert.Equal(["r2", "r3"], await Ids(ReadFilter.Lt(remindAt, Day(28)), skip: 1, take: 2));
        Assert.Equal(["note 1", "note 2"], (await Store.FindAsync(new ReadQuery(
            ReadFilter.Lt(nameof(ContractDocument.Note), "note 3"), ReadSort.Ascending(nameof(ContractDocument.Note))))).Select(d => d.Note));

        Assert.Equal(2, await Store.CountAsync(ReadFilter.Lt(remindAt, Day(3))));
        Assert.Equal(4, await Store.CountAsync(ReadFilter.Lt(remindAt, Day(28))));
        Assert.Equal(2, await Store.CountAsync(ReadFilter.Eq(remindAt, null)));
        Assert.Equal(1, await Store.CountAsync(ReadFilter.And(ReadFilter.Lt(remindAt, Day(3)), ReadFilter.Eq(nameof(ContractDocument.Shelf), "even"))));
        Assert.Equal(3, await Store.CountAsync(ReadFilter.Lte(nameof(ContractDocument.AmountCents), 3)));
    }

    /// <summary>
    /// The first versions of a new document racing each other (copy.added v1 and loan.created's copy v2
    /// at two consumers at once): whichever insert wins, the newest version must end up stored, and its
    /// write must report success. Many rounds, because a round only loses when the inserts interleave.
    /// </summary>
    [Fact]
    public async Task Racing_first_versions_of_a_new_document_leave_the_newest()
    {
        const int Versions = 12;
        var random = new Random(20261201);
        for (var round = 0; round < 40; round++)
        {
            var id = $"race-{round}";
            var order = Enumerable.Range(1, Versions).OrderBy(_ => random.Next()).ToArray();
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var writes = order.Select(v => Task.Run(async () =>
            {
                await start.Task;
                return (Version: v, Written: await Store.UpsertIfNewerAsync(Doc(id, v, $"v{v}")));
            })).ToArray();
            start.SetResult();
            var results = await Task.WhenAll(writes);

            var stored = await Store.GetAsync(id);
            Assert.Equal(Versions, stored!.Version);
            Assert.Equal($"v{Versions}", stored.Name);
            Assert.True(results.Single(r => r.Version == Versions).Written, $"Round {round}: the newest version reported not written.");
        }
    }

    [Fact]
    public async Task A_conflict_on_another_unique_index_throws_and_writes_nothing()
    {
        var store = Provider.Open<ContractDocument>("contract", "unique_" + Guid.NewGuid().ToString("N"), [new ReadIndex(nameof(ContractDocument.Name), unique: true)]);
        Assert.True(await store.UpsertIfNewerAsync(Doc("first", 1, name: "taken")));

        await Assert.ThrowsAsync<UniqueIndexViolationException>(() => store.UpsertIfNewerAsync(Doc("second", 1, name: "taken")));
        Assert.Null(await store.GetAsync("second"));

        Assert.True(await store.UpsertIfNewerAsync(Doc("second", 1, name: "free")));
        await Assert.ThrowsAsync<UniqueIndexViolationException>(() => store.UpsertIfNewerAsync(Doc("second", 2, name: "taken")));
        await Assert.ThrowsAsync<UniqueIndexViolationException>(() => store.ReplaceIfAsync(Doc("second", 3, name: "taken"), ReadFilter.All));
        await Assert.ThrowsAsync<UniqueIndexViolationException>(() => store.InsertManyAsync([Doc("third", 1, name: "taken")]));
        Assert.Equal("free", (await store.GetAsync("second"))!.Name);
        Assert.Equal(1, (await store.GetAsync("second"))!.Version);

        // The document's own value is no conflict.
        Assert.True(await store.UpsertIfNewerAsync(Doc("first", 2, name: "taken")));
        Assert.Equal(2, await store.CountAsync(ReadFilter.All));
    }

    [Fact]
    public async Task Enum_guid_and_instant_values_filter_exactly_as_the_fields_are_stored()
    {
        var owner = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        var seen = new DateTimeOffset(2026, 5, 4, 12, 0, 0, TimeSpan.FromHours(2));
        for (var i = 1; i <= 4; i++)
        {
            var document = Doc($"t{i}", 1);
            document.Kind = (ContractKind)(i % 3);
            document.OwnerId = i <= 2 ? owner : Guid.NewGuid();
            document.SeenAt = seen.AddDays(i);
            await Store.UpsertIfNewerAsync(document);
        }

        async Task<string[]> Ids(ReadFilter filter) =>
            [.. (await Store.FindAsync(new ReadQuery(filter, ReadSort.Ascending(nameof(IReadDocument.Id))))).Select(d => d.Id)];

        var stored = await Store.GetAsync("t1");
        Assert.Equal(ContractKind.Audio, stored!.Kind);
        Assert.Equal(owner, stored.OwnerId);
        Assert.Equal(seen.AddDays(1), stored.SeenAt);

        Assert.Equal(["t1", "t4"], await Ids(ReadFilter.Eq(nameof(ContractDocument.Kind), ContractKind.Audio)));
        Assert.Equal(["t2", "t3"], await Ids(ReadFilter.In(nameof(ContractDocument.Kind), [ContractKind.Digital, ContractKind.Paper])));
        Assert.Equal(["t1", "t2"], await Ids(ReadFilter.Eq(nameof(ContractDocument.OwnerId), owner)));
        Assert.Equal(["t3"], await Ids(ReadFilter.Eq(nameof(ContractDocument.SeenAt), seen.AddDays(3))));
        Assert.Equal(["t3"], await Ids(ReadFilter.Eq(nameof(ContractDocument.SeenAt), seen.AddDays(3).ToOffset(TimeSpan.Zero))));
        Assert.Equal(["t3", "t4"], await Ids(ReadFilter.Gte(nameof(ContractDocument.SeenAt), seen.AddDays(3))));
        Assert.Equal(2, await Store.CountAsync(ReadFilter.Eq(nameof(ContractDocument.OwnerId), owner)));
    }

    /// <summary>The unfiltered count comes from the adapter's cheapest source (MongoDB: collection metadata); it must still be exact.</summary>
    [Fact]
    public async Task An_unfiltered_count_counts_each_document_once()
    {
        Assert.Equal(0, await Store.CountAsync(ReadFilter.All));
        for (var i = 0; i < 30; i++)
        {
            await Store.UpsertIfNewerAsync(Doc($"n{i}", 1));
        }

        for (var i = 0; i < 10; i++)
        {
            await Store.UpsertIfNewerAsync(Doc($"n{i}", 2));
            await Store.ReplaceIfAsync(Doc($"n{i + 10}", 1, name: "replaced"), ReadFilter.All);
        }

        await Store.InsertManyAsync(Enumerable.Range(0, 20).Select(i => Doc($"m{i}", 1)));

        Assert.Equal(50, await Store.CountAsync(ReadFilter.All));
        Assert.Equal(50, await Store.CountAsync(ReadFilter.And()));
    }

    [Fact]
    public async Task Concurrent_increments_are_exact_also_while_the_first_creates_the_document()
    {
        var increments = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                Assert.True(await Store.UpdateAsync("counter", ReadUpdate.Increment(nameof(ContractDocument.AmountCents)), upsert: true));
            }
        }));

        await Task.WhenAll(increments);

        var counter = await Store.GetAsync("counter");
        Assert.Equal(1_600, counter!.AmountCents);
        Assert.Equal(0, counter.Version);
        Assert.Equal(1, await Store.CountAsync(ReadFilter.Eq(nameof(ContractDocument.AmountCents), 1_600L)));
    }

    [Fact]
    public async Task A_conditional_update_happens_only_while_the_condition_holds()
    {
        await Store.UpsertIfNewerAsync(Doc("u", 3, shelf: "A", cents: 10));
        var add = ReadUpdate.Increment(nameof(ContractDocument.AmountCents), 5).AndSet(nameof(ContractDocument.Name), "changed");

        Assert.False(await Store.UpdateAsync("u", add, ReadFilter.Eq(nameof(ContractDocument.Shelf), "B")));
        Assert.False(await Store.UpdateAsync("missing", add));
        Assert.Null(await Store.GetAsync("missing"));
        Assert.Equal(10, (await Store.GetAsync("u"))!.AmountCents);
        Assert.Equal("n", (await Store.GetAsync("u"))!.Name);

        Assert.True(await Store.UpdateAsync("u", add, ReadFilter.And(ReadFilter.Eq(nameof(ContractDocument.Shelf), "A"), ReadFilter.Lt(nameof(ContractDocument.AmountCents), 12L))));
        var updated = await Store.GetAsync("u");
        Assert.Equal(15, updated!.AmountCents);
        Assert.Equal("changed", updated.Name);

        // The fields the update does not name are as they were.
        Assert.Equal(3, updated.Version);
        Assert.Equal(["x", "y"], updated.Tags);
        Assert.Equal(Doc("u", 3).DueAt, updated.DueAt);

        Assert.False(await Store.UpdateAsync("u", add, ReadFilter.Lt(nameof(ContractDocument.AmountCents), 12L)));
        Assert.Equal(15, (await Store.GetAsync("u"))!.AmountCents);
    }

    [Fact]
    public async Task An_upsert_creates_a_missing_document_from_the_update_and_otherwise_updates_it()
    {
        var update = ReadUpdate.Increment(nameof(ContractDocument.AmountCents), 5)
            .AndSet(nameof(ContractDocument.Name), "made")
            .AndAddToSet(nameof(ContractDocument.Tags), "t");

        Assert.True(await Store.UpdateAsync("new", update, upsert: true));

        var created = await Store.GetAsync("new");
        Assert.Equal("new", created!.Id);
        Assert.Equal(0, created.Version);
        Assert.Equal(5, created.AmountCents);
        Assert.Equal("made", created.Name);
        Assert.Equal(["t"], created.Tags);
        Assert.Equal(1, await Store.CountAsync(ReadFilter.Eq(nameof(IReadDocument.Version), 0L)));

        Assert.True(await Store.UpdateAsync("new", update, ReadFilter.Lt(nameof(ContractDocument.AmountCents), 8L), upsert: true));
        Assert.Equal(10, (await Store.GetAsync("new"))!.AmountCents);

        // The document exists and fails the condition: nothing is created or changed.
        Assert.False(await Store.UpdateAsync("new", update, ReadFilter.Lt(nameof(ContractDocument.AmountCents), 8L), upsert: true));
        Assert.Equal(10, (await Store.GetAsync("new"))!.AmountCents);
        Assert.Equal(1, await Store.CountAsync(ReadFilter.All));

        await Assert.ThrowsAsync<ArgumentException>(() => Store.UpdateAsync("other", update, ReadFilter.Eq(nameof(ContractDocument.Shelf), "A"), upsert: true));
        Assert.Null(await Store.GetAsync("other"));
    }

    [Fact]
    public async Task Adding_to_a_set_is_a_no_op_when_the_value_is_there()
    {
        await Store.UpsertIfNewerAsync(Doc("s", 1));
        var owner = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

        Assert.True(await Store.UpdateAsync("s", ReadUpdate.AddToSet(nameof(ContractDocument.Tags), "z")));
        Assert.True(await Store.UpdateAsync("s", ReadUpdate.AddToSet(nameof(ContractDocument.Tags), "z")));
        Assert.True(await Store.UpdateAsync("s", ReadUpdate.AddToSet(nameof(ContractDocument.Tags), "x")));
        Assert.True(await Store.UpdateAsync("s", ReadUpdate.AddToSet(nameof(ContractDocument.Tags), "Łz \"q\"")));
        Assert.True(await Store.UpdateAsync("s", ReadUpdate.AddToSet(nameof(ContractDocument.Tags), "Łz \"q\"")));

        Assert.Equal(["x", "y", "z", "Łz \"q\""], (await Store.GetAsync("s"))!.Tags);

        // A missing field becomes the one-value set.
        Assert.True(await Store.UpdateAsync("t", ReadUpdate.AddToSet(nameof(ContractDocument.Tags), owner.ToString()), upsert: true));
        Assert.True(await Store.UpdateAsync("t", ReadUpdate.AddToSet(nameof(ContractDocument.Tags), owner.ToString()), upsert: true));
        Assert.Equal([owner.ToString()], (await Store.GetAsync("t"))!.Tags);
    }

    [Fact]
    public async Task Set_values_round_trip_and_filter_as_whole_document_writes_store_them()
    {
        var owner = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        var due = new DateTime(2026, 3, 4, 5, 6, 7, 890, DateTimeKind.Utc);
        var seen = new DateTimeOffset(2026, 5, 4, 12, 0, 0, TimeSpan.FromHours(2));
        await Store.UpsertIfNewerAsync(Doc("a", 1, dueDay: 1));
        await Store.UpsertIfNewerAsync(Doc("b", 1, dueDay: 9));

        Assert.True(await Store.UpdateAsync("a", ReadUpdate.Set(nameof(ContractDocument.DueAt), due)
            .AndSet(nameof(ContractDocument.OwnerId), owner)
            .AndSet(nameof(ContractDocument.Kind), ContractKind.Digital)
            .AndSet(nameof(ContractDocument.AmountCents), 123_456_789_012L)
            .AndSet(nameof(ContractDocument.Name), "Ąłę \"x\"")
            .AndSet(nameof(ContractDocument.SeenAt), seen)
            .AndSet(nameof(ContractDocument.RemindAt), due)
            .AndSet(nameof(ContractDocument.Note), null)
            .AndSet(nameof(ContractDocument.Tags), new List<string> { "p", "q" })));

        var stored = await Store.GetAsync("a");
        Assert.Equal(due, stored!.DueAt);
        Assert.Equal(DateTimeKind.Utc, stored.DueAt.Kind);
        Assert.Equal(owner, stored.OwnerId);
        Assert.Equal(ContractKind.Digital, stored.Kind);
        Assert.Equal(123_456_789_012L, stored.AmountCents);
        Assert.Equal("Ąłę \"x\"", stored.Name);
        Assert.Equal(seen, stored.SeenAt);
        Assert.Equal(due, stored.RemindAt);
        Assert.Null(stored.Note);
        Assert.Equal(["p", "q"], stored.Tags);

        async Task<string[]> Ids(ReadFilter filter) =>
            [.. (await Store.FindAsync(new ReadQuery(filter, ReadSort.Ascending(nameof(ContractDocument.DueAt))))).Select(d => d.Id)];

        Assert.Equal(["a"], await Ids(ReadFilter.Eq(nameof(ContractDocument.DueAt), due)));
        Assert.Equal(["b", "a"], await Ids(ReadFilter.Gte(nameof(ContractDocument.DueAt), Doc("b", 1, dueDay: 2).DueAt)));
        Assert.Equal(["a"], await Ids(ReadFilter.Eq(nameof(ContractDocument.OwnerId), owner)));
        Assert.Equal(["a"], await Ids(ReadFilter.Eq(nameof(ContractDocument.Kind), ContractKind.Digital)));
        Assert.Equal(["a"], await Ids(ReadFilter.Gt(nameof(ContractDocument.AmountCents), 1L)));
        Assert.Equal(["a"], await Ids(ReadFilter.Eq(nameof(ContractDocument.SeenAt), seen)));
        Assert.Equal(["a"], await Ids(ReadFilter.Lte(nameof(ContractDocument.RemindAt), due)));
        Assert.Equal(["a"], await Ids(ReadFilter.Contains(nameof(ContractDocument.Name), "\"x\"")));

        Assert.True(await Store.UpdateAsync("a", ReadUpdate.Set(nameof(ContractDocument.RemindAt), null)));
        Assert.Null((await Store.GetAsync("a"))!.RemindAt);
        Assert.Empty(await Ids(ReadFilter.Lte(nameof(ContractDocument.RemindAt), due)));
    }

    [Fact]
    public async Task An_update_of_the_version_is_the_version_every_other_write_compares()
    {
        await Store.UpsertIfNewerAsync(Doc("v", 1));

        Assert.True(await Store.UpdateAsync("v", ReadUpdate.Increment(nameof(IReadDocument.Version), 4)));
        Assert.Equal(5, (await Store.GetAsync("v"))!.Version);
        Assert.False(await Store.UpsertIfNewerAsync(Doc("v", 5, "stale")));
        Assert.True(await Store.UpdateAsync("v", ReadUpdate.Set(nameof(IReadDocument.Version), 7L), ReadFilter.Eq(nameof(IReadDocument.Version), 5L)));
        Assert.Equal(1, await Store.CountAsync(ReadFilter.Eq(nameof(IReadDocument.Version), 7L)));
        Assert.False(await Store.UpsertIfNewerAsync(Doc("v", 7, "stale")));
        Assert.True(await Store.UpsertIfNewerAsync(Doc("v", 8, "newer")));
        Assert.Equal("newer", (await Store.GetAsync("v"))!.Name);
    }

    [Fact]
    public async Task An_update_to_another_documents_unique_value_throws_and_writes_nothing()
    {
        var store = Provider.Open<ContractDocument>("contract", "unique_update_" + Guid.NewGuid().ToString("N"), [new ReadIndex(nameof(ContractDocument.Name), unique: true)]);
        Assert.True(await store.UpsertIfNewerAsync(Doc("first", 1, name: "taken")));
        Assert.True(await store.UpsertIfNewerAsync(Doc("second", 1, name: "free", cents: 1)));

        var take = ReadUpdate.Set(nameof(ContractDocument.Name), "taken").AndIncrement(nameof(ContractDocument.AmountCents));
        await Assert.ThrowsAsync<UniqueIndexViolationException>(() => store.UpdateAsync("second", take));
        await Assert.ThrowsAsync<UniqueIndexViolationException>(() => store.UpdateAsync("second", take, upsert: true));
        await Assert.ThrowsAsync<UniqueIndexViolationException>(() => store.UpdateAsync("third", take, upsert: true));
        Assert.Equal("free", (await store.GetAsync("second"))!.Name);
        Assert.Equal(1, (await store.GetAsync("second"))!.AmountCents);
        Assert.Null(await store.GetAsync("third"));

        // The document's own value is no conflict.
        Assert.True(await store.UpdateAsync("first", take));
    }

    [Fact]
    public async Task An_update_that_names_a_field_twice_or_the_id_is_refused()
    {
        await Store.UpsertIfNewerAsync(Doc("a", 1));

        await Assert.ThrowsAsync<ArgumentException>(() => Store.UpdateAsync("a", ReadUpdate.Increment(nameof(ContractDocument.AmountCents)).AndSet(nameof(ContractDocument.AmountCents), 3L)));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.UpdateAsync("a", ReadUpdate.Set(nameof(IReadDocument.Id), "b")));
        Assert.Equal(0, (await Store.GetAsync("a"))!.AmountCents);
    }

    [Fact]
    public async Task Array_filters_compare_whole_items_and_a_missing_array_lacks_every_item()
    {
        await Store.UpsertIfNewerAsync(Doc("xy", 1));
        var joined = Doc("joined", 1);
        joined.Tags = ["xy", "Łz \"q\""];
        await Store.UpsertIfNewerAsync(joined);
        Assert.True(await Store.UpdateAsync("missing", ReadUpdate.Increment(nameof(ContractDocument.AmountCents)), upsert: true));

        async Task<string[]> Ids(ReadFilter filter) =>
            [.. (await Store.FindAsync(new ReadQuery(filter, ReadSort.Ascending(nameof(IReadDocument.Id))))).Select(d => d.Id)];

        // An item, not a substring of one (ReadFilter.Contains is the substring test).
        Assert.Equal(["xy"], await Ids(ReadFilter.ArrayHas(nameof(ContractDocument.Tags), "x")));
        Assert.Equal(["joined"], await Ids(ReadFilter.ArrayHas(nameof(ContractDocument.Tags), "xy")));
        Assert.Equal(["joined"], await Ids(ReadFilter.ArrayHas(nameof(ContractDocument.Tags), "Łz \"q\"")));
        Assert.Equal(["joined", "missing"], await Ids(ReadFilter.ArrayLacks(nameof(ContractDocument.Tags), "x")));
        Assert.Equal(["joined", "missing", "xy"], await Ids(ReadFilter.ArrayLacks(nameof(ContractDocument.Tags), "z")));
        Assert.Equal(1, await Store.CountAsync(ReadFilter.And(ReadFilter.ArrayLacks(nameof(ContractDocument.Tags), "x"), ReadFilter.ArrayHas(nameof(ContractDocument.Tags), "xy"))));
        Assert.Empty(await Ids(ReadFilter.ArrayHas(nameof(ContractDocument.Tags), "q")));
    }

    [Fact]
    public async Task A_pull_removes_every_equal_item_keeps_the_order_and_leaves_a_missing_array_missing()
    {
        var document = Doc("p", 1);
        document.Tags = ["a", "b", "a", "Łz \"q\"", "c"];
        await Store.UpsertIfNewerAsync(document);

        Assert.True(await Store.UpdateAsync("p", ReadUpdate.Pull(nameof(ContractDocument.Tags), "a")));
        Assert.Equal(["b", "Łz \"q\"", "c"], (await Store.GetAsync("p"))!.Tags);
        Assert.True(await Store.UpdateAsync("p", ReadUpdate.Pull(nameof(ContractDocument.Tags), "Łz \"q\"").AndIncrement(nameof(ContractDocument.AmountCents), 2)));
        Assert.Equal(["b", "c"], (await Store.GetAsync("p"))!.Tags);
        Assert.Equal(2, (await Store.GetAsync("p"))!.AmountCents);

        // A value the array does not hold changes nothing, and no item is a substring match.
        Assert.True(await Store.UpdateAsync("p", ReadUpdate.Pull(nameof(ContractDocument.Tags), "zz")));
        Assert.True(await Store.UpdateAsync("p", ReadUpdate.Pull(nameof(ContractDocument.Tags), "b")));
        Assert.Equal(["c"], (await Store.GetAsync("p"))!.Tags);
        Assert.True(await Store.UpdateAsync("p", ReadUpdate.Pull(nameof(ContractDocument.Tags), "c")));
        Assert.Empty((await Store.GetAsync("p"))!.Tags);
        Assert.Equal(0, await Store.CountAsync(ReadFilter.Eq(nameof(ContractDocument.Tags), null)));

        // A document without the array (created by an update that did not name it) keeps it missing.
        Assert.True(await Store.UpdateAsync("bare", ReadUpdate.Increment(nameof(ContractDocument.AmountCents)), upsert: true));
        Assert.True(await Store.UpdateAsync("bare", ReadUpdate.Pull(nameof(ContractDocument.Tags), "a")));
        Assert.True(await Store.UpdateAsync("created", ReadUpdate.Pull(nameof(ContractDocument.Tags), "a").AndIncrement(nameof(ContractDocument.AmountCents)), upsert: true));
        Assert.Equal(2, await Store.CountAsync(ReadFilter.Eq(nameof(ContractDocument.Tags), null)));
    }

    [Fact]
    public async Task A_negative_increment_subtracts_also_below_zero()
    {
        await Store.UpsertIfNewerAsync(Doc("n", 1, cents: 10));

        Assert.True(await Store.UpdateAsync("n", ReadUpdate.Increment(nameof(ContractDocument.AmountCents), -7)));
        Assert.Equal(3, (await Store.GetAsync("n"))!.AmountCents);
        Assert.True(await Store.UpdateAsync("n", ReadUpdate.Increment(nameof(ContractDocument.AmountCents), -5)));
        Assert.Equal(-2, (await Store.GetAsync("n"))!.AmountCents);
        Assert.True(await Store.UpdateAsync("m", ReadUpdate.Increment(nameof(ContractDocument.AmountCents), -4), upsert: true));
        Assert.Equal(-4, (await Store.GetAsync("m"))!.AmountCents);
        Assert.Equal(2, await Store.CountAsync(ReadFilter.Lt(nameof(ContractDocument.AmountCents), 0L)));
    }

    [Fact]
    public async Task An_update_and_get_answers_the_document_as_the_update_left_it_or_null_when_nothing_matched()
    {
        await Store.UpsertIfNewerAsync(Doc("g", 3, cents: 10));
        var add = ReadUpdate.Increment(nameof(ContractDocument.AmountCents), 5).AndAddToSet(nameof(ContractDocument.Tags), "t");

        var updated = await Store.UpdateAndGetAsync("g", add, ReadFilter.Lt(nameof(ContractDocument.AmountCents), 12L));
        Assert.Equal(15, updated!.AmountCents);
        Assert.Equal(["x", "y", "t"], updated.Tags);
        Assert.Equal(3, updated.Version);
        Assert.Equal(Doc("g", 3).DueAt, updated.DueAt);
        Assert.Equal("n", updated.Name);

        // The condition fails, or there is no document: null, and nothing changed or created.
        Assert.Null(await Store.UpdateAndGetAsync("g", add, ReadFilter.Lt(nameof(ContractDocument.AmountCents), 12L)));
        Assert.Null(await Store.UpdateAndGetAsync("absent", add));
        Assert.Null(await Store.GetAsync("absent"));
        Assert.Equal(15, (await Store.GetAsync("g"))!.AmountCents);

        // An upsert creates the document from the update and answers it.
        var created = await Store.UpdateAndGetAsync("new", add.AndSet(nameof(ContractDocument.Name), "made"), upsert: true);
        Assert.Equal("new", created!.Id);
        Assert.Equal(0, created.Version);
        Assert.Equal(5, created.AmountCents);
        Assert.Equal(["t"], created.Tags);
        Assert.Equal("made", created.Name);
        Assert.Equal(5, (await Store.GetAsync("new"))!.AmountCents);
    }

    /// <summary>The statistics' add (ADR 0025): an increment with a marker, at most once per marker, also when the first one creates the document.</summary>
    [Fact]
    public async Task An_upsert_conditional_on_an_array_lacking_an_item_applies_once_per_item()
    {
        ReadUpdate Add(string marker) => ReadUpdate.Increment(nameof(ContractDocument.AmountCents)).AndAddToSet(nameof(ContractDocument.Tags), marker);
        ReadFilter Lacks(string marker) => ReadFilter.ArrayLacks(nameof(ContractDocument.Tags), marker);

        Assert.Equal(1, (await Store.UpdateAndGetAsync("c", Add("m1"), Lacks("m1"), upsert: true))!.AmountCents);
        Assert.Null(await Store.UpdateAndGetAsync("c", Add("m1"), Lacks("m1"), upsert: true));
        Assert.False(await Store.UpdateAsync("c", Add("m1"), Lacks("m1"), upsert: true));
        var second = await Store.UpdateAndGetAsync("c", Add("m2"), Lacks("m2"), upsert: true);
        Assert.Equal(2, second!.AmountCents);
        Assert.Equal(["m1", "m2"], second.Tags);

        // Settling a marker: subtract and pull, only while it is there, so twice is once.
        var settle = ReadUpdate.Increment(nameof(ContractDocument.AmountCents), -1).AndPull(nameof(ContractDocument.Tags), "m1");
        Assert.True(await Store.UpdateAsync("c", settle, ReadFilter.ArrayHas(nameof(ContractDocument.Tags), "m1")));
        Assert.False(await Store.UpdateAsync("c", settle, ReadFilter.ArrayHas(nameof(ContractDocument.Tags), "m1")));
        var settled = await Store.GetAsync("c");
        Assert.Equal(1, settled!.AmountCents);
        Assert.Equal(["m2"], settled.Tags);

        // "Has" is an equality MongoDB would copy into an upserted document: refused with upsert.
        await Assert.ThrowsAsync<ArgumentException>(() => Store.UpdateAndGetAsync("other", Add("m"), ReadFilter.ArrayHas(nameof(ContractDocument.Tags), "m"), upsert: true));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.UpdateAsync("other", Add("m"), ReadFilter.ArrayHas(nameof(ContractDocument.Tags), "m"), upsert: true));
        Assert.Null(await Store.GetAsync("other"));
    }

    [Fact]
    public async Task Concurrent_updates_and_gets_each_answer_the_state_their_own_update_left()
    {
        var seen = new System.Collections.Concurrent.ConcurrentBag<long>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                seen.Add((await Store.UpdateAndGetAsync("counter", ReadUpdate.Increment(nameof(ContractDocument.AmountCents)), upsert: true))!.AmountCents);
            }
        })));

        Assert.Equal(Enumerable.Range(1, 400).Select(i => (long)i), seen.Order());
        Assert.Equal(400, (await Store.GetAsync("counter"))!.AmountCents);
    }

    [Fact]
    public async Task An_update_and_get_to_another_documents_unique_value_throws_and_writes_nothing()
    {
        var store = Provider.Open<ContractDocument>("contract", "unique_update_get_" + Guid.NewGuid().ToString("N"), [new ReadIndex(nameof(ContractDocument.Name), unique: true)]);
        Assert.True(await store.UpsertIfNewerAsync(Doc("first", 1, name: "taken")));
        Assert.True(await store.UpsertIfNewerAsync(Doc("second", 1, name: "free", cents: 1)));

        var take = ReadUpdate.Set(nameof(ContractDocument.Name), "taken").AndIncrement(nameof(ContractDocument.AmountCents));
        await Assert.ThrowsAsync<UniqueIndexViolationException>(() => store.UpdateAndGetAsync("second", take));
        await Assert.ThrowsAsync<UniqueIndexViolationException>(() => store.UpdateAndGetAsync("second", take, upsert: true));
        await Assert.ThrowsAsync<UniqueIndexViolationException>(() => store.UpdateAndGetAsync("third", take, upsert: true));
        Assert.Equal(1, (await store.GetAsync("second"))!.AmountCents);
        Assert.Null(await store.GetAsync("third"));
        Assert.Equal(1, (await store.UpdateAndGetAsync("first", take))!.AmountCents);
    }

    [Fact]
    public async Task Paging_helper_returns_the_page_and_the_total()
    {
        for (var i = 1; i <= 5; i++)
        {
            await Store.UpsertIfNewerAsync(Doc($"p{i}", 1, cents: i));
        }

        var page = await Store.FindPageAsync(ReadFilter.All, ReadSort.Ascending(nameof(ContractDocument.AmountCents)), page: 3, pageSize: 2);

        Assert.Equal(["p5"], page.Items.Select(d => d.Id));
        Assert.Equal(5, page.Total);
        Assert.Equal(3, page.PageNumber);
    }

    public static TheoryData<string, bool> KeysetSorts => new()
    {
        { nameof(ContractDocument.DueAt), false },
        { nameof(ContractDocument.DueAt), true },
        { nameof(ContractDocument.RemindAt), false },
        { nameof(ContractDocument.RemindAt), true },
        { nameof(ContractDocument.Id), false },
        { nameof(ContractDocument.Id), true },
    };

    /// <summary>
    /// Keyset pages, each starting after the last document of the one before, concatenate to exactly the
    /// offset pages of the same sort: ascending and descending, across ties of the sort value (several
    /// documents share a due day), across the nulls of a nullable field (RemindAt is missing on some) and
    /// at every page size, so a page boundary falls inside a tie and between the nulls and the values.
    /// </summary>
    [Theory]
    [MemberData(nameof(KeysetSorts))]
    public async Task Keyset_pages_concatenate_to_the_offset_pages(string field, bool descending)
    {
        // Inserted out of id order, so that the id tie-break is not the insertion order.
        var documents = Enumerable.Range(0, 23).Select(i => i * 7 % 23).Select(i =>
        {
            var document = Doc($"k{i:D2}", 1, shelf: i % 3 == 0 ? "skip" : "keep", dueDay: 1 + (i % 4));
            document.RemindAt = i % 5 == 0 ? null : new DateTime(2026, 2, 1 + (i % 3), 0, 0, 0, DateTimeKind.Utc);
            return document;
        });
        await Store.InsertManyAsync(documents);
        var sort = new ReadSort(field, descending);

        foreach (var filter in new[] { ReadFilter.All, ReadFilter.Eq(nameof(ContractDocument.Shelf), "keep") })
        {
            var offset = await Store.FindAsync(new ReadQuery(filter, sort, 0, 100));
            Assert.Equal(filter == ReadFilter.All ? 23 : 15, offset.Count);
            for (var size = 1; size <= 6; size++)
            {
                Assert.Equal(offset.Select(d => d.Id), (await WalkAsync(filter, sort, size)).Select(d => d.Id));
            }
        }
    }

    /// <summary>
    /// Documents written between the reads of two keyset pages, before or after the position, neither
    /// repeat nor push out a document: every document that existed throughout is read exactly once (an
    /// offset page would repeat one for each insert before it). A document inserted after the position
    /// may or may not be read, as it would be by an offset page.
    /// </summary>
    [Fact]
    public async Task Keyset_pages_read_each_document_once_while_documents_are_inserted_between_them()
    {
        var original = Enumerable.Range(0, 30).Select(i => Doc($"o{i:D2}", 1, dueDay: 1 + (i % 10))).ToList();
        await Store.InsertManyAsync(original);
        var sort = ReadSort.Ascending(nameof(ContractDocument.DueAt));
        var read = new List<string>();
        ReadPosition? after = null;
        var inserted = 0;
        while (inserted < 300)
        {
            var page = await Store.FindAsync(new ReadQuery(ReadFilter.All, sort, 0, 4, after));
            read.AddRange(page.Select(d => d.Id));
            if (page.Count < 4)
            {
                break;
            }

            after = new ReadPosition(page[^1].DueAt, page[^1].Id);

            // One before the position (the day of the first page), one tied with it and one after it.
            await Store.UpsertIfNewerAsync(Doc($"n{inserted++:D2}", 1, dueDay: 1));
            await Store.UpsertIfNewerAsync(Doc($"n{inserted++:D2}", 1, dueDay: page[^1].DueAt.Day));
            await Store.UpsertIfNewerAsync(Doc($"n{inserted++:D2}", 1, dueDay: Math.Min(page[^1].DueAt.Day + 1, 28)));
        }

        Assert.Equal(read.Count, read.Distinct().Count());
        Assert.All(original, d => Assert.Single(read, id => id == d.Id));
    }

    [Fact]
    public async Task A_keyset_position_needs_its_sort_and_no_skip()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.FindAsync(new ReadQuery(ReadFilter.All, null, 0, 10, new ReadPosition(1, "a"))));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.FindAsync(
            new ReadQuery(ReadFilter.All, ReadSort.Ascending(nameof(ContractDocument.DueAt)), 5, 10, new ReadPosition(DateTime.UtcNow, "a"))));
    }

    [Fact]
    public async Task Keyset_paging_helper_says_whether_another_page_follows_and_counts_the_filter()
    {
        await Store.InsertManyAsync(Enumerable.Range(1, 5).Select(i => Doc($"h{i}", 1, cents: i)));
        var sort = ReadSort.Ascending(nameof(ContractDocument.AmountCents));

        var first = await Store.FindAfterAsync(ReadFilter.All, sort, null, pageSize: 2);
        var last = await Store.FindAfterAsync(ReadFilter.All, sort, new ReadPosition(4L, "h4"), pageSize: 2);
        var exact = await Store.FindAfterAsync(ReadFilter.All, sort, new ReadPosition(3L, "h3"), pageSize: 2);

        Assert.Equal(["h1", "h2"], first.Items.Select(d => d.Id));
        Assert.True(first.HasMore);
        Assert.Equal(5, first.Total);
        Assert.Equal(["h5"], last.Items.Select(d => d.Id));
        Assert.False(last.HasMore);
        Assert.Equal(5, last.Total);

        // A page that ends with the last document says so: the one extra read finds nothing.
        Assert.Equal(["h4", "h5"], exact.Items.Select(d => d.Id));
        Assert.False(exact.HasMore);
    }

    private async Task<List<ContractDocument>> WalkAsync(ReadFilter filter, ReadSort sort, int size)
    {
        var all = new List<ContractDocument>();
        ReadPosition? after = null;
        for (var pages = 0; pages < 100; pages++)
        {
            var page = await Store.FindAsync(new ReadQuery(filter, sort, 0, size, after));
            all.AddRange(page);
            if (page.Count < size)
            {
                return all;
            }

            var last = page[^1];
            object? value = sort.Field switch
            {
                nameof(ContractDocument.DueAt) => last.DueAt,
                nameof(ContractDocument.RemindAt) => last.RemindAt,
                _ => last.Id,
            };
            after = new ReadPosition(value, last.Id);
        }

        throw new InvalidOperationException("The walk did not end: a keyset page repeated its position.");
    }
}

public sealed class SqliteReadStoreContractTests : ReadStoreContractTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "library-contract", Guid.NewGuid().ToString("N"));

    protected override IReadStoreProvider CreateProvider() => new SqliteReadStoreProvider(_directory);

    /// <summary>Writes that queue together commit together; one that fails must fail alone.</summary>
    [Fact]
    public async Task A_write_that_fails_in_a_group_commit_fails_only_its_own_caller()
    {
        using var provider = new SqliteReadStoreProvider(_directory);
        var store = provider.Open<ContractDocument>("unique", "documents", [new ReadIndex(nameof(ContractDocument.Name), unique: true)]);
        var writes = Enumerable.Range(0, 300)
            .Select(i => Task.Run(() => store.UpsertIfNewerAsync(new ContractDocument { Id = $"u{i}", Version = 1, Name = i == 150 ? "taken" : i == 151 ? "taken" : $"name-{i}" })))
            .ToArray();

        await Task.WhenAll(writes.Select(async w =>
        {
            try
            {
                await w;
            }
            catch (UniqueIndexViolationException)
            {
                // Asserted below.
            }
        }));

        Assert.Equal(1, writes.Count(w => w.IsFaulted));
        Assert.Equal(299, await store.CountAsync(ReadFilter.All));
        Assert.Equal(1, await store.CountAsync(ReadFilter.Eq(nameof(ContractDocument.Name), "taken")));
    }

    /// <summary>
    /// Each connection keeps its statements prepared by their SQL text, so that text must depend on a
    /// filter's shape only: with values inlined, every reader id or timestamp would be a new statement.
    /// </summary>
    [Fact]
    public void Filters_that_differ_only_in_their_values_have_one_sql_text()
    {
        static string Text(int i) => SqliteReadStore<ContractDocument>.WhereText(ReadFilter.And(
            ReadFilter.Eq(nameof(ContractDocument.Shelf), $"s{i}"),
            ReadFilter.Lt(nameof(ContractDocument.DueAt), DateTime.UtcNow.AddTicks(i)),
            ReadFilter.Contains(nameof(ContractDocument.Name), $"n{i}"),
            ReadFilter.In(nameof(ContractDocument.Shelf), [$"s{i}", "x"]),
            ReadFilter.Eq(nameof(ContractDocument.Version), 100L + i)));

        Assert.Equal(Text(0), Text(1));
        Assert.DoesNotContain("s1", Text(1), StringComparison.Ordinal);
    }

    /// <summary>
    /// SQLite uses an index on an expression only when the query has the very same expression, so this
    /// looks at the plans: a sort that a declared index serves (SortIndexes) is read in index order with
    /// no temporary b-tree, an equality or range filter searches its index, and with several candidate
    /// indexes the planner takes the one with the equality field (the loans' shape), with no statistics.
    /// </summary>
    [Fact]
    public async Task Served_sorts_and_filters_are_read_through_their_indexes()
    {
        using var provider = new SqliteReadStoreProvider(_directory);
        var store = (SqliteReadStore<ContractDocument>)provider.Open<ContractDocument>("plans", "documents", [
            ReadIndex.Sorted(ReadSort.DescendingBy(nameof(ContractDocument.DueAt))),
            ReadIndex.Sorted(ReadSort.DescendingBy(nameof(ContractDocument.DueAt)), nameof(ContractDocument.Shelf)),
            ReadIndex.Sorted(ReadSort.Ascending(nameof(ContractDocument.RemindAt))),
            ReadIndex.Compound(nameof(ContractDocument.Shelf), nameof(ContractDocument.Kind)),
            new ReadIndex(nameof(ContractDocument.Name), unique: true)]);
        await store.InsertManyAsync(Enumerable.Range(0, 200).Select(i => Doc($"p{i}", 1, name: $"n{i}", shelf: $"s{i % 10}", dueDay: 1 + (i % 28))));

        var byShelf = await store.ExplainAsync(new ReadQuery(
            ReadFilter.Eq(nameof(ContractDocument.Shelf), "s1"), ReadSort.DescendingBy(nameof(ContractDocument.DueAt)), 0, 20));
        Assert.Contains("USING INDEX ix_documents_shelf_dueAt_desc__id", byShelf, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", byShelf, StringComparison.Ordinal);

        var all = await store.ExplainAsync(new ReadQuery(ReadFilter.All, ReadSort.DescendingBy(nameof(ContractDocument.DueAt)), 40, 20));
        Assert.Contains("ix_documents_dueAt_desc__id", all, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", all, StringComparison.Ordinal);

        var range = await store.ExplainAsync(new ReadQuery(
            ReadFilter.Lt(nameof(ContractDocument.RemindAt), DateTime.UtcNow), ReadSort.Ascending(nameof(ContractDocument.RemindAt))));
        Assert.Contains("SEARCH documents USING INDEX ix_documents_remindAt__id", range, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", range, StringComparison.Ordinal);

        var equality = await store.ExplainAsync(new ReadQuery(ReadFilter.And(
            ReadFilter.Eq(nameof(ContractDocument.Shelf), "s1"), ReadFilter.Eq(nameof(ContractDocument.Kind), ContractKind.Audio))));
        Assert.Contains("SEARCH documents USING INDEX ix_documents_shelf_kind", equality, StringComparison.Ordinal);

        var unique = await store.ExplainAsync(new ReadQuery(ReadFilter.Eq(nameof(ContractDocument.Name), "n7")));
        Assert.Contains("SEARCH documents USING INDEX ix_documents_name_unique", unique, StringComparison.Ordinal);

        // A count over an indexed range or equality reads index entries only, no document.
        var count = await store.ExplainAsync(new ReadQuery(ReadFilter.Lt(nameof(ContractDocument.RemindAt), DateTime.UtcNow)), count: true);
        Assert.Equal("SEARCH documents USING COVERING INDEX ix_documents_remindAt__id (<expr><?)", count);
    }

    /// <summary>
    /// A keyset page seeks the sort's index to its position: the plan is a SEARCH of the sorted index with
    /// the range on the sort expression, in index order (no temporary b-tree), not a SCAN from its start
    /// that reads and drops every document before the position as an offset does. A nullable field's
    /// stretch of nulls is a second search of the same index.
    /// </summary>
    [Fact]
    public async Task Keyset_pages_seek_the_sorted_index_to_their_position()
    {
        using var provider = new SqliteReadStoreProvider(_directory);
        var store = (SqliteReadStore<ContractDocument>)provider.Open<ContractDocument>("keyset", "documents", [
            ReadIndex.Sorted(ReadSort.Ascending(nameof(ContractDocument.RemindAt))),
            ReadIndex.Sorted(ReadSort.DescendingBy(nameof(ContractDocument.DueAt)), nameof(ContractDocument.Shelf))]);
        await store.InsertManyAsync(Enumerable.Range(0, 200).Select(i => Doc($"p{i}", 1, shelf: $"s{i % 10}", dueDay: 1 + (i % 28))));
        var now = DateTime.UtcNow;

        // The overdue list's shape: a range filter on the sort field, ascending, after a position.
        var ascending = await store.ExplainAsync(new ReadQuery(
            ReadFilter.Lt(nameof(ContractDocument.RemindAt), now), ReadSort.Ascending(nameof(ContractDocument.RemindAt)), 0, 20, new ReadPosition(now.AddDays(-3), "p7")));
        Assert.Equal("SEARCH documents USING INDEX ix_documents_remindAt__id (<expr>>? AND <expr><?)", ascending);

        // The loan search's shape: equality on the reader, newest first, after a position; then the nulls.
        var descending = await store.ExplainAsync(new ReadQuery(
            ReadFilter.Eq(nameof(ContractDocument.Shelf), "s1"), ReadSort.DescendingBy(nameof(ContractDocument.DueAt)), 0, 20, new ReadPosition(now, "p7")));
        Assert.Equal(
            "SEARCH documents USING INDEX ix_documents_shelf_dueAt_desc__id (<expr>=? AND <expr><?)\nSEARCH documents USING INDEX ix_documents_shelf_dueAt_desc__id (<expr>=? AND <expr>=?)",
            descending);
    }

    /// <summary>The adapter builds the indexes after a load into an empty collection; they must be in force after it.</summary>
    [Fact]
    public async Task A_bulk_load_into_an_empty_collection_ends_with_its_unique_index_in_force()
    {
        using var provider = new SqliteReadStoreProvider(_directory);
        var store = provider.Open<ContractDocument>("bulk", "documents", [new ReadIndex(nameof(ContractDocument.Name), unique: true)]);

        await store.InsertManyAsync(Enumerable.Range(0, 16_000).Select(i => new ContractDocument { Id = $"b{i}", Version = 1, Name = $"name-{i}" }));

        await Assert.ThrowsAsync<UniqueIndexViolationException>(() => store.UpsertIfNewerAsync(new ContractDocument { Id = "other", Version = 1, Name = "name-42" }));
        Assert.Equal(16_000, await store.CountAsync(ReadFilter.All));
        Assert.Equal(1, await store.CountAsync(ReadFilter.Eq(nameof(ContractDocument.Name), "name-15999")));
    }

    /// <summary>
    /// Without its unique index during the load, a duplicate value in the loaded documents is found when
    /// the index is built: the load fails, and the index is in force all the same (on an empty table).
    /// </summary>
    [Fact]
    public async Task A_bulk_load_that_repeats_a_unique_value_fails_and_leaves_the_index_in_force()
    {
        using var provider = new SqliteReadStoreProvider(_directory);
        var store = provider.Open<ContractDocument>("bulk", "duplicates", [new ReadIndex(nameof(ContractDocument.Name), unique: true)]);

        await Assert.ThrowsAsync<UniqueIndexViolationException>(() => store.InsertManyAsync(
            Enumerable.Range(0, 12_000).Select(i => new ContractDocument { Id = $"b{i}", Version = 1, Name = i == 11_000 ? "name-3" : $"name-{i}" })));

        Assert.Equal(0, await store.CountAsync(ReadFilter.All));
        Assert.True(await store.UpsertIfNewerAsync(new ContractDocument { Id = "a", Version = 1, Name = "same" }));
        await Assert.ThrowsAsync<UniqueIndexViolationException>(() => store.UpsertIfNewerAsync(new ContractDocument { Id = "b", Version = 1, Name = "same" }));
    }

    /// <summary>Reads do not wait for the writer: many run while writes go on, and each sees a committed document.</summary>
    [Fact]
    public async Task Readers_run_side_by_side_with_a_writer()
    {
        await Store.InsertManyAsync(Enumerable.Range(0, 500).Select(i => Doc($"w{i}", 1, shelf: "A")));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var writer = Task.Run(async () =>
        {
            var version = 2;
            while (!stop.IsCancellationRequested)
            {
                await Store.UpsertIfNewerAsync(Doc($"w{version % 500}", version, shelf: "A"));
                version++;
            }

            return version;
        });
        var readers = Enumerable.Range(0, 8).Select(r => Task.Run(async () =>
        {
            var reads = 0;
            while (!stop.IsCancellationRequested)
            {
                // A read completes on its caller's thread; yield, as a request ending would, so that
                // eight loops share the pool's few threads.
                await Task.Yield();
                Assert.NotNull(await Store.GetAsync($"w{(r * 31 + reads) % 500}"));
                Assert.Equal(20, (await Store.FindAsync(new ReadQuery(ReadFilter.Eq(nameof(ContractDocument.Shelf), "A"), Take: 20))).Count);
                reads++;
            }

            return reads;
        })).ToArray();

        var written = await writer;
        var read = await Task.WhenAll(readers);

        Assert.True(written > 2, "the writer made progress");
        Assert.All(read, r => Assert.True(r > 0));
        Assert.Equal(500, await Store.CountAsync(ReadFilter.All));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}

public sealed class MongoReadStoreContractTests : ReadStoreContractTests
{
    public static string? ConnectionString => Environment.GetEnvironmentVariable("LIBRARY_TEST_MONGO") is { Length: > 0 } cs ? cs : null;

    protected override IReadStoreProvider CreateProvider()
    {
        Assert.SkipWhen(ConnectionString is null, "LIBRARY_TEST_MONGO is not set; no MongoDB server to test against.");
        return new MongoReadStoreProvider(ConnectionString!, "library_contract_" + Guid.NewGuid().ToString("N")[..8] + "_");
    }

    /// <summary>An unfiltered count is the <c>count</c> command on the collection's metadata; only a filter makes it an aggregation that reads keys.</summary>
    [Fact]
    public async Task An_unfiltered_count_reads_the_collections_metadata_and_a_filtered_one_aggregates()
    {
        var commands = new System.Collections.Concurrent.ConcurrentQueue<MongoDB.Bson.BsonDocument>();
        var settings = MongoReadStoreProvider.Settings(ConnectionString!);
        settings.ClusterConfigurator = cluster => cluster.Subscribe<MongoDB.Driver.Core.Events.CommandStartedEvent>(e => commands.Enqueue(e.Command));
        using var provider = new MongoReadStoreProvider(settings, "library_contract_" + Guid.NewGuid().ToString("N")[..8] + "_", requireIndexedSorts: false);
        var store = provider.Open<ContractDocument>("contract", "counted", [new ReadIndex(nameof(ContractDocument.Shelf))]);
        await store.UpsertIfNewerAsync(Doc("a", 1));
        await store.UpsertIfNewerAsync(Doc("b", 1, shelf: "B"));

        commands.Clear();
        Assert.Equal(2, await store.CountAsync(ReadFilter.All));
        string[] counting = ["count", "aggregate"];
        var unfiltered = Assert.Single(commands, c => counting.Contains(c.GetElement(0).Name));
        Assert.Equal("count", unfiltered.GetElement(0).Name);
        Assert.True(!unfiltered.Contains("query") || unfiltered["query"].AsBsonDocument.ElementCount == 0, unfiltered.ToString());

        commands.Clear();
        Assert.Equal(1, await store.CountAsync(ReadFilter.Eq(nameof(ContractDocument.Shelf), "B")));
        Assert.Equal("aggregate", Assert.Single(commands, c => counting.Contains(c.GetElement(0).Name)).GetElement(0).Name);
    }
}
