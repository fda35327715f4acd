using System.Diagnostics.Metrics;
using Library.BuildingBlocks.Messaging;
using Library.Reader.Contracts;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Library.IntegrationTests;

/// <summary>A consumer falling behind is visible in the host's metrics, without a profiler.</summary>
public sealed class MetricsTests(LibraryAppFactory app) : IClassFixture<LibraryAppFactory>
{
    [Fact]
    public async Task Each_handled_event_is_counted_per_consumer_group_with_its_lag_since_the_commit_and_the_outbox_backlog_is_observable()
    {
        using var desk = app.CreateLibrarianClient();
        var meters = app.Services.GetRequiredService<IMeterFactory>();
        using var handled = new MetricCollector<long>(meters, MessagingMetrics.MeterName, "library.events.handled");
        using var lag = new MetricCollector<double>(meters, MessagingMetrics.MeterName, "library.events.lag");
        using var pending = new MetricCollector<long>(meters, MessagingMetrics.MeterName, "library.outbox.pending");
        using var age = new MetricCollector<double>(meters, MessagingMetrics.MeterName, "library.outbox.age");
        using var store = new MetricCollector<double>(meters, Library.BuildingBlocks.ReadStore.ReadStoreMetrics.MeterName, "library.readstore.operation.duration");

        var started = DateTimeOffset.UtcNow;
        var reader = await desk.Register();
        await desk.ReadReaderAtVersion((string)reader["readerId"]!, 1);
        var readable = DateTimeOffset.UtcNow - started;

        // Every group that consumes registrations handled this one, successfully (the tag is CAP's group
        // name: the service's name and the version, as the queue is named); the Reader query service's
        // within the time the reader took to be readable.
        string[] consumers = ["reader-query", "lending-command", "lending-query", "identity"];
        await Eventually.Until(
            () => Task.FromResult(handled.GetMeasurementSnapshot()
                .Where(m => Equals(m.Tags["messaging.destination.name"], ReaderTopics.Registered) && Equals(m.Tags["outcome"], "ok"))
                .Select(m => ((string)m.Tags["messaging.consumer.group.name"]!).Split('.')[0])
                .ToHashSet()),
            groups => consumers.All(groups.Contains),
            TimeSpan.FromSeconds(15),
            "every consumer group counting reader.registered");

        var lags = lag.GetMeasurementSnapshot().Where(m => Equals(m.Tags["messaging.consumer.group.name"], Library.Reader.Query.ReaderQueryModule.Name + ".v1")).ToList();
        Assert.NotEmpty(lags);
        Assert.All(lags, m => Assert.InRange(m.Value, 0, readable.TotalSeconds + 1));

        // The projection's writes and the read were timed in the read store.
        var operations = store.GetMeasurementSnapshot().Select(m => (string)m.Tags["db.operation.name"]!).ToHashSet();
        Assert.Contains("upsert_if_newer", operations);
        Assert.Contains("get", operations);

        // The backlog gauges answer when observed (what an exporter does on each collection).
        pending.RecordObservableInstruments();
        age.RecordObservableInstruments();
        Assert.True(pending.LastMeasurement?.Value >= 0, "library.outbox.pending was not observed.");
        Assert.True(age.LastMeasurement?.Value >= 0, "library.outbox.age was not observed.");
    }
}
