using System.Diagnostics;
using DotNetCore.CAP.Filter;
using DotNetCore.CAP.Messages;
using Library.BuildingBlocks.Persistence;
using Microsoft.Extensions.Logging;

namespace Library.BuildingBlocks.Messaging;

/// <summary>
/// Continues the publisher's trace in the subscriber: a consumer span whose parent is the
/// <c>traceparent</c> the outbox stored with the event, current while the subscriber runs, so its
/// logs and any further events carry the trace id the request started with. Records each handled
/// event in <see cref="MessagingMetrics"/> (count, handler time, lag since the commit).
/// </summary>
internal sealed class ConsumerObservabilityFilter(ILogger<ConsumerObservabilityFilter> logger, MessagingMetrics metrics) : SubscribeFilter
{
    /// <summary>Deliberately not async: Activity.Current set here must stay set in CAP's invocation of the subscriber.</summary>
    public override Task OnSubscribeExecutingAsync(ExecutingContext context)
    {
        var message = context.DeliverMessage;
        var activity = OutboxTracing.Source.StartActivity($"{message.GetName()} process", ActivityKind.Consumer, OutboxTracing.ParentOf(message.Headers));
        activity?.SetTag("messaging.destination.name", message.GetName());
        activity?.SetTag("messaging.consumer.group.name", message.GetGroup());
        activity?.SetTag("messaging.message.id", message.GetId());
        return Task.CompletedTask;
    }

    public override Task OnSubscribeExecutedAsync(ExecutedContext context)
    {
        var message = context.DeliverMessage;
        var activity = OwnActivity();
        var elapsedMs = activity is null ? double.NaN : (DateTime.UtcNow - activity.StartTimeUtc).TotalMilliseconds;
        LogHandled(logger, message.GetName(), message.GetId(), message.GetGroup(), elapsedMs);
        metrics.Handled(message.GetName(), message.GetGroup(), succeeded: true, Seconds(activity), OutboxTracing.SecondsSinceWritten(message.Headers));
        activity?.SetStatus(ActivityStatusCode.Ok);
        activity?.Stop();
        return Task.CompletedTask;
    }

    public override Task OnSubscribeExceptionAsync(ExceptionContext context)
    {
        var activity = OwnActivity();
        metrics.Handled(context.DeliverMessage.GetName(), context.DeliverMessage.GetGroup(), succeeded: false, Seconds(activity), lagSeconds: null);
        activity?.AddException(context.Exception);
        activity?.SetStatus(ActivityStatusCode.Error);
        activity?.Stop();
        return Task.CompletedTask;
    }

    private static double Seconds(Activity? activity) => activity is null ? 0 : (DateTime.UtcNow - activity.StartTimeUtc).TotalSeconds;

    /// <summary>The span this filter started for the message being handled; kept in Activity.Current rather than a field, so the filter holds no state.</summary>
    private static Activity? OwnActivity() =>
        Activity.Current is { Kind: ActivityKind.Consumer } current && current.Source == OutboxTracing.Source ? current : null;

    private static void LogHandled(ILogger logger, string topic, string messageId, string? group, double elapsedMs) =>
        Handled(logger, topic, messageId, group, elapsedMs, null);

    private static readonly Action<ILogger, string, string, string?, double, Exception?> Handled =
        LoggerMessage.Define<string, string, string?, double>(
            LogLevel.Information,
            new EventId(1, nameof(Handled)),
            "Handled {Topic} {MessageId} in group {Group} in {ElapsedMs:0.0} ms");
}
