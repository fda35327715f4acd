using System.Threading.RateLimiting;
using Library.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Library.BuildingBlocks.Hosting;

/// <summary>Bound from <c>Server:CallerWriteLimit</c>.</summary>
public sealed class CallerWriteLimitOptions
{
    public const string SectionName = "Server:CallerWriteLimit";

    /// <summary>
    /// Writes one signed-in account may make per second, sustained; 0 switches the limit off. A desk
    /// makes a change every few seconds and a batch script of the library's a few dozen a second, so 20
    /// leaves both room while a stolen token cannot flood the outbox (every write is an event to every
    /// consumer).
    /// </summary>
    public int PermitsPerSecond { get; set; } = 20;

    /// <summary>Writes an account may make at once above the sustained rate (a renew-all, a batch of copies).</summary>
    public int Burst { get; set; } = 100;
}

/// <summary>
/// Writes per caller (the token's <c>sub</c>): a token bucket per account, after authorization so the
/// caller is known. Refused writes get 429 <c>request.too_many</c> with <c>Retry-After</c> and change
/// nothing. Unauthenticated writes are not limited here: the only anonymous write is the token endpoint,
/// limited per client address by the Identity service. The limit is per process: with several
/// instances of a service behind the gateway an account gets that many times the rate (docs/adr/0020).
/// </summary>
internal static class CallerWriteLimit
{
    public static IServiceCollection AddCallerWriteLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(CallerWriteLimitOptions.SectionName).Get<CallerWriteLimitOptions>() ?? new CallerWriteLimitOptions();
        return services.AddSingleton(new CallerWriteLimiter(options));
    }

    public static IApplicationBuilder UseCallerWriteLimit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var limiter = context.RequestServices.GetRequiredService<CallerWriteLimiter>();
            if (!limiter.Applies(context))
            {
                await next(context);
                return;
            }

            using var lease = limiter.Acquire(context);
            if (lease.IsAcquired)
            {
                await next(context);
                return;
            }

            await RejectAsync(context, lease);
        });

    private static Task RejectAsync(HttpContext http, RateLimitLease lease) =>
        TooManyRequestsProblem.WriteAsync(
            http,
            lease,
            fallbackSeconds: 1,
            "Too many changes",
            seconds => $"This account is making changes faster than allowed; nothing was written. Retry in {seconds} s.");

    internal sealed class CallerWriteLimiter(CallerWriteLimitOptions options) : IDisposable
    {
        // Idle buckets are dropped by the limiter itself, so an account that stops writing costs nothing.
        private readonly PartitionedRateLimiter<HttpContext> _limiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            RateLimitPartition.GetTokenBucketLimiter(
                context.User.FindFirst(LibraryClaims.Subject)!.Value,
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(options.Burst, options.PermitsPerSecond),
                    TokensPerPeriod = options.PermitsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));

        public bool Applies(HttpContext context) =>
            options.PermitsPerSecond > 0
            && !HttpMethods.IsGet(context.Request.Method)
            && !HttpMethods.IsHead(context.Request.Method)
            && !HttpMethods.IsOptions(context.Request.Method)
            && context.User.FindFirst(LibraryClaims.Subject) is not null;

        public RateLimitLease Acquire(HttpContext context) => _limiter.AttemptAcquire(context);

        public void Dispose() => _limiter.Dispose();
    }
}
