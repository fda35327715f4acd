using System.Diagnostics;
using DotNetCore.CAP.Filter;
using DotNetCore.CAP.Messages;
using Library.BuildingBlocks.Persistence;
using Microsoft.Extensions.Logging;

namespace Library.BuildingBlocks.Messaging;

/// <summary>
/// Continues the publisher's trace in the subscriber: a consumer span whose parent is the
/// <c>traceparent</c> the outbox stored with the event, current while the subscriber runs, so its
/// logs and any further events carry the trace id the request started with.
/// </summary>
internal sealed class TracingSubscribeFilter(ILogger<TracingSubscribeFilter> logger) : SubscribeFilter
{
    private Activity? _activity;
    private long _startedAt;

    /// <summary>Deliberately not async: Activity.Current set here must stay set in CAP's invocation of the subscriber.</summary>
    public override Task OnSubscribeExecutingAsync(ExecutingContext context)
    {
        var message = context.DeliverMessage;
        message.Headers.TryGetValue(OutboxTracing.TraceParentHeader, out var traceParent);
        message.Headers.TryGetValue(OutboxTracing.TraceStateHeader, out var traceState);
        ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var parent);

        _activity = OutboxTracing.Source.StartActivity($"{message.GetName()} process", ActivityKind.Consumer, parent);
        _activity?.SetTag("messaging.destination.name", message.GetName());
        _activity?.SetTag("messaging.consumer.group.name", message.GetGroup());
        _activity?.SetTag("messaging.message.id", message.GetId());
        _startedAt = Stopwatch.GetTimestamp();
        return Task.CompletedTask;
    }

    public override Task OnSubscribeExecutedAsync(ExecutedContext context)
    {
        var message = context.DeliverMessage;
        var elapsedMs = Stopwatch.GetElapsedTime(_startedAt).TotalMilliseconds;
        LogHandled(logger, message.GetName(), message.GetId(), message.GetGroup(), elapsedMs);
        Stop(ActivityStatusCode.Ok);
        return Task.CompletedTask;
    }

    public override Task OnSubscribeExceptionAsync(ExceptionContext context)
    {
        _activity?.AddException(context.Exception);
        Stop(ActivityStatusCode.Error);
        return Task.CompletedTask;
    }

    private void Stop(ActivityStatusCode status)
    {
        _activity?.SetStatus(status);
        _activity?.Stop();
        _activity = null;
    }

    private static void LogHandled(ILogger logger, string topic, string messageId, string? group, double elapsedMs) =>
        Handled(logger, topic, messageId, group, elapsedMs, null);

    private static readonly Action<ILogger, string, string, string?, double, Exception?> Handled =
        LoggerMessage.Define<string, string, string?, double>(
            LogLevel.Information,
            new EventId(1, nameof(Handled)),
            "Handled {Topic} {MessageId} in group {Group} in {ElapsedMs:0.0} ms");
}
