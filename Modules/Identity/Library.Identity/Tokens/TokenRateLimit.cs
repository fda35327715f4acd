using System.Threading.RateLimiting;
using Library.BuildingBlocks.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace Library.Identity.Tokens;

/// <summary>
/// A fixed window of token requests per client address: slows password guessing across accounts, which
/// the per-account lockout does not. Refused requests get 429 with <c>Retry-After</c> and the problem
/// <c>request.too_many</c>. Behind the gateway the address is the gateway's unless forwarded headers are
/// configured (docs/adr/0020).
/// </summary>
internal sealed class TokenRateLimit(TokenRateLimitOptions options) : IRateLimiterPolicy<string>
{
    public const string PolicyName = "identity-token";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetFixedWindowLimiter(
            httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.PermitLimit,
                Window = TimeSpan.FromSeconds(options.WindowSeconds),
                QueueLimit = 0,
            });

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken) =>
        await TooManyRequestsProblem.WriteAsync(
            rejected.HttpContext,
            rejected.Lease,
            fallbackSeconds: 60,
            "Too many sign-in attempts",
            seconds => $"Too many token requests from this address; retry in {seconds} s.");
}
