using System.Diagnostics;

namespace Library.BuildingBlocks.Persistence;

/// <summary>
/// Carries the W3C trace context of a command into the headers of the events it writes to the outbox,
/// so the trace that began at the gateway continues in every consumer, across the broker and however
/// late the outbox delivers.
/// </summary>
public static class OutboxTracing
{
    public const string SourceName = "Library.Messaging";

    public const string TraceParentHeader = "traceparent";

    public const string TraceStateHeader = "tracestate";

    /// <summary>
    /// Wall-clock Unix milliseconds at which the command wrote the event, just before its commit: a
    /// consumer's lag is measured from it (clocks of the machines are assumed in step, as NTP keeps them).
    /// </summary>
    public const string WrittenAtHeader = "library-written-at";

    /// <summary>Seconds from <see cref="WrittenAtHeader"/> to now, or null when the event carries none.</summary>
    public static double? SecondsSinceWritten(IDictionary<string, string?> headers) =>
        headers.TryGetValue(WrittenAtHeader, out var value) && long.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var writtenAt)
            ? (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - writtenAt) / 1000.0
            : null;

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>The trace context an event carries, or none (a root span) when it carries none.</summary>
    public static ActivityContext ParentOf(IDictionary<string, string?> headers)
    {
        headers.TryGetValue(TraceParentHeader, out var traceParent);
        headers.TryGetValue(TraceStateHeader, out var traceState);
        return ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var parent) ? parent : default;
    }

    public static Dictionary<string, string?> HeadersFor(Activity? activity)
    {
        var headers = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (activity is { IdFormat: ActivityIdFormat.W3C })
        {
            headers[TraceParentHeader] = activity.Id;
            if (activity.TraceStateString is { Length: > 0 } state)
            {
                headers[TraceStateHeader] = state;
            }
        }

        return headers;
    }
}
