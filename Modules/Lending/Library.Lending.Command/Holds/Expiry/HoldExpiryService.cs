using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Library.Lending.Command.Holds.Expiry;

/// <summary><c>Lending:Holds</c>: how often the Lending command service looks for uncollected holds.</summary>
internal sealed class HoldExpiryOptions
{
    public const string SectionName = "Lending:Holds";

    /// <summary>
    /// A pickup date is a day, so a minute late is nothing to a reader; every instance sweeps at this interval,
    /// and a sweep with nothing due is one indexed query (the partial index of ready holds by pickup date).
    /// </summary>
    public TimeSpan ExpiryInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Runs <see cref="HoldExpirySweep"/> on a timer of the service's <see cref="TimeProvider"/> (tests move a fake
/// one and the sweep follows), so an uncollected hold expires with no request (spec section 6). A failed sweep
/// is logged and retried at the next tick; it never stops the service.
/// </summary>
internal sealed partial class HoldExpiryService(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<HoldExpiryOptions> options,
    ILogger<HoldExpiryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ExpiryInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SweepAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var expired = await scope.ServiceProvider.GetRequiredService<HoldExpirySweep>().RunAsync(stoppingToken);
            if (expired > 0)
            {
                LogExpired(expired);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogSweepFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Expired {Count} uncollected hold(s)")]
    private partial void LogExpired(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The hold expiry sweep failed; it runs again at the next tick")]
    private partial void LogSweepFailed(Exception exception);
}
