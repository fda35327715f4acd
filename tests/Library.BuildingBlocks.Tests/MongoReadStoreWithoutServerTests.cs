using System.Diagnostics;
using System.Net;
using Library.BuildingBlocks.ReadStore;
using Library.BuildingBlocks.ReadStore.MongoDb;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using MongoDB.Bson;
using MongoDB.Driver;
using MongoDB.Driver.Core.Clusters;
using MongoDB.Driver.Core.Connections;
using MongoDB.Driver.Core.Servers;

namespace Library.BuildingBlocks.Tests;

/// <summary>
/// What the MongoDB adapter must get right with no server to talk to, so it runs on every machine:
/// nothing blocks while the host starts, an unreachable server is "unavailable" (a 503), the
/// connection string's own timeout is honoured, and filter values are serialised as the stored
/// fields are. Port 1 on the loopback refuses every connection.
/// </summary>
public sealed class MongoReadStoreWithoutServerTests
{
    private const string Unreachable = "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=200";

    [Fact]
    public async Task An_unreachable_server_fails_each_operation_as_unavailable_within_the_connection_strings_timeout()
    {
        // No I/O while opening: the driver connects in the background and indexes wait for the first
        // write. With the default 5 s server selection, any wait for the server would show.
        var watch = Stopwatch.StartNew();
        using (var withDefaultTimeout = new MongoReadStoreProvider("mongodb://127.0.0.1:1/", "unreachable_"))
        {
            var opened = withDefaultTimeout.Open<ContractDocument>("contract", "documents", [new ReadIndex(nameof(ContractDocument.Shelf), unique: true)]);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"Opening took {watch.Elapsed.TotalMilliseconds:F0} ms.");
            Assert.False(((IReadCollection)opened).IsSetUp);
        }

        using var provider = new MongoReadStoreProvider(Unreachable, "unreachable_");
        var store = provider.Open<ContractDocument>("contract", "documents", [new ReadIndex(nameof(ContractDocument.Shelf), unique: true)]);
        watch.Restart();
        var get = await Assert.ThrowsAsync<ReadStoreUnavailableException>(() => store.GetAsync("a"));
        var failedAfter = watch.Elapsed;
        Assert.IsType<TimeoutException>(get.InnerException);

        // 200 ms as the connection string says, not the 5 s the code used to impose.
        Assert.InRange(failedAfter, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(3));

        await Assert.ThrowsAsync<ReadStoreUnavailableException>(() => store.UpsertIfNewerAsync(new ContractDocument { Id = "a", Version = 1 }));
        await Assert.ThrowsAsync<ReadStoreUnavailableException>(() => store.CountAsync(ReadFilter.All));
        await Assert.ThrowsAsync<ReadStoreUnavailableException>(() => store.FindAsync(new ReadQuery(ReadFilter.Eq(nameof(ContractDocument.Shelf), "A"))));
        Assert.Equal(HealthStatus.Unhealthy, (await provider.CheckHealthAsync("contract", CancellationToken.None)).Status);
    }

    [Theory]
    [InlineData("mongodb://db:27017/?serverSelectionTimeoutMS=200", 200)]
    [InlineData("mongodb://db:27017/?serverSelectionTimeoutMS=30000&replicaSet=rs0", 30_000)]
    [InlineData("mongodb://db:27017/?replicaSet=rs0&w=majority&journal=true", 5_000)]
    public void The_connection_strings_server_selection_timeout_is_kept_and_only_a_missing_one_defaulted(string connectionString, int expectedMs)
    {
        var settings = MongoReadStoreProvider.Settings(connectionString);
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), settings.ServerSelectionTimeout);
    }

    [Fact]
    public void Replica_set_write_concern_and_journal_options_of_the_connection_string_are_kept()
    {
        var settings = MongoReadStoreProvider.Settings("mongodb://mongo:27017/?replicaSet=rs0&w=majority&journal=true");
        Assert.Equal("rs0", settings.ReplicaSetName);
        Assert.Equal(WriteConcern.WMajority.W, settings.WriteConcern.W);
        Assert.True(settings.WriteConcern.Journal);
    }

    /// <summary>
    /// Filters are compared with what the class map wrote: an enum as its name, a Guid as the standard
    /// UUID subtype, an instant as a BSON date. Anything else (an enum as a number) matches nothing.
    /// </summary>
    [Fact]
    public void Filter_values_are_serialised_as_the_stored_fields()
    {
        using var provider = new MongoReadStoreProvider(Unreachable, "render_");
        var store = (MongoReadStore<ContractDocument>)provider.Open<ContractDocument>("contract", "documents", []);
        var document = RenderedDocument();
        // As the driver writes it: the class map of the conventions the provider registered.
        var stored = document.ToBsonDocument();

        BsonValue Rendered(string field, object value, string op = "$eq") =>
            store.Render(new ComparisonFilter(field, op switch { "$gt" => ComparisonOperator.Gt, _ => ComparisonOperator.Eq }, value))
                [FieldNamesOf(field)][op];

        Assert.Equal(BsonString.Create("Digital"), stored["kind"]);
        Assert.Equal(stored["kind"], Rendered(nameof(ContractDocument.Kind), document.Kind));
        Assert.Equal(stored["ownerId"], Rendered(nameof(ContractDocument.OwnerId), document.OwnerId));
        Assert.Equal(BsonBinarySubType.UuidStandard, stored["ownerId"].AsBsonBinaryData.SubType);
        Assert.Equal(BsonType.DateTime, stored["seenAt"].BsonType);
        Assert.Equal(stored["seenAt"], Rendered(nameof(ContractDocument.SeenAt), document.SeenAt!.Value));
        Assert.Equal(stored["seenAt"], Rendered(nameof(ContractDocument.SeenAt), document.SeenAt!.Value.ToUniversalTime(), "$gt"));
        Assert.Equal(stored["dueAt"], Rendered(nameof(ContractDocument.DueAt), document.DueAt));
        Assert.Equal(stored["remindAt"], Rendered(nameof(ContractDocument.RemindAt), document.RemindAt!.Value));
        Assert.Equal(stored["_id"], Rendered(nameof(ContractDocument.Id), "x"));
        Assert.Equal(stored["version"], Rendered(nameof(ContractDocument.Version), 3L));

        // A value of another numeric type than the field is compared by value, as MongoDB compares numbers.
        Assert.Equal(12, Rendered(nameof(ContractDocument.AmountCents), 12).ToInt64());
        var inKinds = store.Render(ReadFilter.In(nameof(ContractDocument.Kind), [ContractKind.Audio, ContractKind.Paper]));
        Assert.Equal(new BsonArray { "Audio", "Paper" }, inKinds["kind"]["$in"]);
    }

    /// <summary>A document with a value of every kind the adapter converts (enum, Guid, instants, number, array).</summary>
    private static ContractDocument RenderedDocument() => new()
    {
        Id = "x",
        Version = 3,
        Kind = ContractKind.Digital,
        OwnerId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
        SeenAt = new DateTimeOffset(2026, 5, 4, 12, 0, 0, TimeSpan.FromHours(2)),
        DueAt = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
        RemindAt = new DateTime(2026, 1, 3, 3, 4, 5, DateTimeKind.Utc),
        AmountCents = 12,
        Tags = ["a", "b"],
    };

    /// <summary>What an update stores must be what a whole-document write stores, or filters and indexes would miss it.</summary>
    [Fact]
    public void Update_values_are_serialised_as_the_stored_fields_and_each_operation_is_the_native_operator()
    {
        using var provider = new MongoReadStoreProvider(Unreachable, "render_");
        var store = (MongoReadStore<ContractDocument>)provider.Open<ContractDocument>("contract", "documents", []);
        var document = RenderedDocument();
        var stored = document.ToBsonDocument();

        var update = store.RenderUpdate(
            ReadUpdate.Increment(nameof(ContractDocument.AmountCents), 7)
                .AndSet(nameof(ContractDocument.Kind), document.Kind)
                .AndSet(nameof(ContractDocument.OwnerId), document.OwnerId)
                .AndSet(nameof(ContractDocument.SeenAt), document.SeenAt!.Value)
                .AndSet(nameof(ContractDocument.DueAt), document.DueAt)
                .AndSet(nameof(ContractDocument.RemindAt), document.RemindAt!.Value)
                .AndSet(nameof(ContractDocument.Tags), document.Tags)
                .AndSet(nameof(ContractDocument.Note), null)
                .AndAddToSet(nameof(ContractDocument.Name), "n"),
            upsert: false);

        Assert.Equal(["$inc", "$set", "$addToSet"], update.Names);
        Assert.Equal(new BsonDocument("amountCents", new BsonInt64(7)), update["$inc"]);
        foreach (var field in new[] { "kind", "ownerId", "seenAt", "dueAt", "remindAt", "tags" })
        {
            Assert.Equal(stored[field], update["$set"][field]);
        }

        Assert.Equal(BsonNull.Value, update["$set"]["note"]);
        Assert.Equal(new BsonDocument("name", "n"), update["$addToSet"]);

        // An item of an array field is serialised as the array's items are.
        Assert.Equal(stored["tags"][0], store.RenderUpdate(ReadUpdate.AddToSet(nameof(ContractDocument.Tags), "a"), upsert: false)["$addToSet"]["tags"]);

        // A created document starts at version 0 as in the SQLite adapter, unless the update sets the version.
        Assert.Equal(new BsonDocument("version", new BsonInt64(0)), store.RenderUpdate(ReadUpdate.Increment(nameof(ContractDocument.AmountCents)), upsert: true)["$setOnInsert"]);
        var versioned = store.RenderUpdate(ReadUpdate.Set(nameof(IReadDocument.Version), 4L), upsert: true);
        Assert.False(versioned.Contains("$setOnInsert"));
        Assert.Equal(stored["version"].BsonType, versioned["$set"]["version"].BsonType);
    }

    /// <summary>
    /// The array filters are item comparisons ({f: {$eq: v}} matches an array holding v, {f: {$ne: v}} one
    /// holding none or a missing field), a pull is $pull; items serialised as the array's items are.
    /// </summary>
    [Fact]
    public void Array_filters_and_a_pull_are_the_native_item_operators()
    {
        using var provider = new MongoReadStoreProvider(Unreachable, "render_");
        var store = (MongoReadStore<ContractDocument>)provider.Open<ContractDocument>("contract", "documents", []);

        Assert.Equal(new BsonDocument("tags", new BsonDocument("$eq", "a")), store.Render(ReadFilter.ArrayHas(nameof(ContractDocument.Tags), "a")));
        Assert.Equal(new BsonDocument("tags", new BsonDocument("$ne", "a")), store.Render(ReadFilter.ArrayLacks(nameof(ContractDocument.Tags), "a")));

        var update = store.RenderUpdate(
            ReadUpdate.Increment(nameof(ContractDocument.AmountCents), -3).AndPull(nameof(ContractDocument.Tags), "a"),
            upsert: false);
        Assert.Equal(["$inc", "$pull"], update.Names);
        Assert.Equal(new BsonDocument("amountCents", new BsonInt64(-3)), update["$inc"]);
        Assert.Equal(new BsonDocument("tags", "a"), update["$pull"]);
    }

    [Fact]
    public void Compound_indexes_keep_their_key_order_and_directions_and_single_ones_their_old_names()
    {
        var (keys, name) = MongoReadStore<ContractDocument>.Definition(
            ReadIndex.Sorted(ReadSort.DescendingBy(nameof(ContractDocument.DueAt)), nameof(ContractDocument.Shelf)));
        Assert.Equal(new BsonDocument { { "shelf", 1 }, { "dueAt", -1 }, { "_id", 1 } }, keys);
        Assert.Equal("shelf_1_dueAt_-1__id_1", name);
        Assert.Equal("shelf", MongoReadStore<ContractDocument>.Definition(new ReadIndex(nameof(ContractDocument.Shelf))).Name);
    }

    [Theory]
    [InlineData("E11000 duplicate key error collection: library_lending_query.copies index: _id_ dup key: { _id: \"c1\" }", "_id_")]
    [InlineData("E11000 duplicate key error collection: library_lending_query.copies index: barcode dup key: { barcode: \"B-1\" }", "barcode")]
    [InlineData("some other write error", null)]
    public void A_duplicate_key_error_names_its_index(string message, string? index) =>
        Assert.Equal(index, MongoReadStore<ContractDocument>.IndexOf(message));

    public static TheoryData<string, bool> Failures => new()
    {
        { nameof(TimeoutException), true },
        { nameof(MongoConnectionException), true },
        { nameof(MongoConnectionClosedException), true },
        { nameof(MongoExecutionTimeoutException), true },
        { nameof(MongoWaitQueueFullException), true },
        { nameof(MongoNotPrimaryException), true },
        { nameof(MongoNodeIsRecoveringException), true },
        { "Wrapped" + nameof(MongoConnectionException), true },
        { nameof(MongoAuthenticationException), false },
        { nameof(MongoCommandException), false },
        { nameof(InvalidOperationException), false },
    };

    /// <summary>The driver's own exception types for an outage, a failover and an operation timeout; a bug or a bad password is none of them.</summary>
    [Theory]
    [MemberData(nameof(Failures))]
    public void Driver_failures_are_classified_as_unavailable_or_not(string failure, bool unavailable)
    {
        var connection = new ConnectionId(new ServerId(new ClusterId(), new DnsEndPoint("mongo", 27017)));
        Exception exception = failure switch
        {
            nameof(TimeoutException) => new TimeoutException("A timeout occurred after 200ms selecting a server"),
            nameof(MongoConnectionException) => new MongoConnectionException(connection, "An exception occurred while opening a connection to the server."),
            nameof(MongoConnectionClosedException) => new MongoConnectionClosedException(connection),
            nameof(MongoExecutionTimeoutException) => new MongoExecutionTimeoutException(connection, "operation exceeded time limit"),
            nameof(MongoWaitQueueFullException) => new MongoWaitQueueFullException("The wait queue for acquiring a connection is full."),
            nameof(MongoNotPrimaryException) => new MongoNotPrimaryException(connection, new BsonDocument("find", "c"), new BsonDocument("code", 10107)),
            nameof(MongoNodeIsRecoveringException) => new MongoNodeIsRecoveringException(connection, new BsonDocument("find", "c"), new BsonDocument("code", 11600)),
            "Wrapped" + nameof(MongoConnectionException) => new InvalidOperationException("wrapped", new MongoConnectionException(connection, "reset")),
            nameof(MongoAuthenticationException) => new MongoAuthenticationException(connection, "Authentication failed."),
            nameof(MongoCommandException) => new MongoCommandException(connection, "bad command", new BsonDocument("code", 2)),
            _ => new InvalidOperationException("a bug"),
        };

        Assert.Equal(unavailable, MongoFailures.IsUnavailable(exception));
    }

    /// <summary>
    /// The host starts at once with the server down (it used to create indexes while being built, and
    /// exit or block 5 s per collection), reports not ready, and stops cleanly.
    /// </summary>
    [Fact]
    public async Task A_host_starts_at_once_with_the_server_down_and_reports_not_ready()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ReadStore:Provider"] = "MongoDb",

            // No timeout of its own: the default 5 s applies, so a blocking start would show.
            ["ReadStore:MongoConnectionString"] = "mongodb://127.0.0.1:1/",
            ["ReadStore:MongoDatabasePrefix"] = "down_",
        });
        builder.Services
            .AddReadCollection<ContractDocument>(builder.Configuration, "contract", "first", new ReadIndex(nameof(ContractDocument.Shelf)))
            .AddReadCollection<ContractDocument2>(builder.Configuration, "contract", "second", new ReadIndex(nameof(ContractDocument2.Name), unique: true));

        var watch = Stopwatch.StartNew();
        using var host = builder.Build();
        await host.StartAsync();
        var started = watch.Elapsed;
        Assert.True(started < TimeSpan.FromSeconds(2), $"The host took {started.TotalMilliseconds:F0} ms to start.");

        var store = host.Services.GetRequiredService<IReadStore<ContractDocument>>();
        Assert.False(((IReadCollection)store).IsSetUp);
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Tags.Contains("ready"));
        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Equal(HealthStatus.Unhealthy, report.Entries["read-store:contract"].Status);

        await host.StopAsync();
    }

    private static string FieldNamesOf(string property) =>
        property == nameof(IReadDocument.Id) ? "_id" : char.ToLowerInvariant(property[0]) + property[1..];
}

public sealed class ContractDocument2 : IReadDocument
{
    public string Id { get; set; } = "";

    public long Version { get; set; }

    public string Name { get; set; } = "";
}
