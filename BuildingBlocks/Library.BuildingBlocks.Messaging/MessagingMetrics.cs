using System.Diagnostics;
using System.Diagnostics.Metrics;
using Library.BuildingBlocks.Persistence;

namespace Library.BuildingBlocks.Messaging;

/// <summary>
/// What an operator needs to see a consumer falling behind without a profiler: events handled per
/// consumer group, how long after their commit they were applied, and how long a handler took; and on
/// the publishing side the outbox's backlog (<see cref="OutboxBacklogSampler"/>). Meter
/// <see cref="MeterName"/>, exported with the host's other metrics (OTLP when configured; readable
/// with <c>dotnet-counters monitor --counters Library.Messaging</c>).
/// </summary>
public sealed class MessagingMetrics
{
    public const string MeterName = OutboxTracing.SourceName;

    private readonly Counter<long> _handled;
    private readonly Histogram<double> _lag;
    private readonly Histogram<double> _duration;

    public MessagingMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _handled = meter.CreateCounter<long>("library.events.handled", "{event}", "Integration events a consumer group handled, by topic, group and outcome.");
        _lag = meter.CreateHistogram<double>(
            "library.events.lag",
            "s",
            "From the commit that wrote the event to the outbox to its handler's end in a consumer group: the projection lag.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] });
        _duration = meter.CreateHistogram<double>(
            "library.events.handle.duration",
            "s",
            "How long a consumer group's handler took for one event.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1] });
        Outbox = new OutboxBacklog(meter);
    }

    /// <summary>The latest sample of this process's outbox, observed by gauges.</summary>
    internal OutboxBacklog Outbox { get; }

    internal void Handled(string topic, string? group, bool succeeded, double handlerSeconds, double? lagSeconds)
    {
        var tags = new TagList
        {
            { "messaging.destination.name", topic },
            { "messaging.consumer.group.name", group },
            { "outcome", succeeded ? "ok" : "failed" },
        };
        _handled.Add(1, tags);
        _duration.Record(handlerSeconds, tags);
        if (succeeded && lagSeconds is { } lag)
        {
            _lag.Record(Math.Max(0, lag), tags);
        }
    }

    internal sealed class OutboxBacklog
    {
        private long _pending;
        private double _oldestAgeSeconds;

        public OutboxBacklog(Meter meter)
        {
            meter.CreateObservableGauge("library.outbox.pending", () => Interlocked.Read(ref _pending), "{event}", "Events written to this service's outbox and not yet handed to the transport.");
            meter.CreateObservableGauge("library.outbox.age", () => Volatile.Read(ref _oldestAgeSeconds), "s", "Age of the oldest event still waiting in the outbox; 0 when none waits.");
        }

        public void Set(long pending, double oldestAgeSeconds)
        {
            Interlocked.Exchange(ref _pending, pending);
            Volatile.Write(ref _oldestAgeSeconds, oldestAgeSeconds);
        }
    }
}
