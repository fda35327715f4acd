namespace Library.Benchmarks;

/// <summary>Samples a host's resident memory every 100 ms while a load runs; keeps the peak.</summary>
internal sealed class ResidentMemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private double _peak;

    public ResidentMemorySampler(HostProcess host) => _sampling = Task.Run(async () =>
    {
        while (!_stop.IsCancellationRequested)
        {
            _peak = Math.Max(_peak, host.ResidentMiB());
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    });

    public double PeakMiB => _peak;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
