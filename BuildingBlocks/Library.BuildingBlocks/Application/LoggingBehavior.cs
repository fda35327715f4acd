using System.Diagnostics;
using Library.BuildingBlocks.Results;
using Mediator;
using Microsoft.Extensions.Logging;

namespace Library.BuildingBlocks.Application;

/// <summary>One structured log line per handled message: its name, outcome code and duration.</summary>
public sealed partial class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
    where TResponse : IResult<TResponse>
{
    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await next(message, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (response.Error is { } error)
        {
            LogRefused(logger, typeof(TMessage).Name, error.Code, elapsed);
        }
        else
        {
            LogHandled(logger, typeof(TMessage).Name, elapsed);
        }

        return response;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{MessageName} handled in {ElapsedMs:0.0} ms")]
    private static partial void LogHandled(ILogger logger, string messageName, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{MessageName} refused with {ErrorCode} in {ElapsedMs:0.0} ms")]
    private static partial void LogRefused(ILogger logger, string messageName, string errorCode, double elapsedMs);
}
