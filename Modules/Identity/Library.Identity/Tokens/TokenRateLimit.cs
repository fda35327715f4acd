using System.Globalization;
using System.Threading.RateLimiting;
using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Results;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

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

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 60;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many sign-in attempts",
                Detail = $"Too many token requests from this address; retry in {retryAfter} s.",
                Type = ProblemResults.TypeOf(CommonErrors.TooManyRequestsCode),
                Extensions = { ["code"] = CommonErrors.TooManyRequestsCode },
            },
        });
    }
}
