using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Library.IntegrationTests;

/// <summary>Every log event of a host, rendered with its properties and exception, as a log pipeline would store it.</summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public void Emit(LogEvent logEvent)
    {
        using var line = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        logEvent.RenderMessage(line, System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (name, value) in logEvent.Properties)
        {
            line.Write($" {name}={value}");
        }

        line.Write(logEvent.Exception?.ToString());
        _lines.Enqueue(line.ToString());
    }
}
