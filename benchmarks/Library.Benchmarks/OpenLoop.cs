using System.Diagnostics;

namespace Library.Benchmarks;

/// <summary>
/// Offers requests at a fixed rate for a fixed time, whatever the server's pace (an open loop): each
/// request starts at its scheduled instant and its latency counts from that instant. A rate of 0 means
/// saturation: a fixed number of workers send back to back.
/// </summary>
internal static class OpenLoop
{
    /// <summary>Requests still running when the run ends are awaited at most this long.</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    /// <param name="perSecond">The offered rate.</param>
    /// <param name="duration">How long the rate is offered.</param>
    /// <param name="send">Sends one request: true when it succeeded, false when it failed, null when there is nothing left to send (a failure here).</param>
    public static async Task<LatencySummary> RunAtRateAsync(double perSecond, TimeSpan duration, Func<int, Task<bool?>> send)
    {
        var recorder = new LatencyRecorder();
        var total = (int)(perSecond * duration.TotalSeconds);
        var inFlight = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var scheduled = TimeSpan.FromSeconds(i / perSecond);
            var wait = scheduled - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var index = i;
            inFlight.Add(Task.Run(async () =>
            {
                var succeeded = await SafeSend(send, index) ?? false;
                recorder.Record(scheduled.TotalSeconds, (clock.Elapsed - scheduled).TotalMilliseconds, succeeded);
            }));
        }

        // Requests the server has not answered by the end of the drain count as failed, not as absent.
        var all = Task.WhenAll(inFlight);
        await Task.WhenAny(all, Task.Delay(DrainTimeout));
        var unfinished = inFlight.Count(task => !task.IsCompleted);
        for (var i = 0; i < unfinished; i++)
        {
            recorder.Record(duration.TotalSeconds, DrainTimeout.TotalMilliseconds, succeeded: false);
        }

        return recorder.Summarize(duration.TotalSeconds);
    }

    /// <summary>Workers send back to back until the duration is over or <paramref name="send"/> has nothing left (null).</summary>
    public static async Task<LatencySummary> RunSaturatedAsync(int workers, TimeSpan duration, Func<int, Task<bool?>> send)
    {
        var recorder = new LatencyRecorder();
        var next = -1;
        var clock = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                var started = clock.Elapsed;
                if (await SafeSend(send, Interlocked.Increment(ref next)) is not { } succeeded)
                {
                    return;
                }

                recorder.Record(started.TotalSeconds, (clock.Elapsed - started).TotalMilliseconds, succeeded);
            }
        }));
        await Task.WhenAll(tasks);
        return recorder.Summarize(clock.Elapsed.TotalSeconds);
    }

    private static async Task<bool?> SafeSend(Func<int, Task<bool?>> send, int index)
    {
        try
        {
            return await send(index);
        }
#pragma warning disable CA1031 // A request that throws (a refused connection, a store error in the direct baseline) is a failed request, counted as such.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }
}
