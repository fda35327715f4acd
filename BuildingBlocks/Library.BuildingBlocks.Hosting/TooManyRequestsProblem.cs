using System.Globalization;
using System.Threading.RateLimiting;
using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Results;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Library.BuildingBlocks.Hosting;

/// <summary>The one way a rate limit refuses: 429, <c>Retry-After</c> from the limiter's lease, the problem <c>request.too_many</c>.</summary>
public static class TooManyRequestsProblem
{
    /// <param name="http">The refused request.</param>
    /// <param name="lease">The refused lease; its retry-after metadata, when the limiter gives one, sets the header.</param>
    /// <param name="fallbackSeconds">Retry-After when the limiter gives none.</param>
    /// <param name="title">The problem's title.</param>
    /// <param name="detail">The problem's detail, given the seconds to wait.</param>
    public static Task WriteAsync(HttpContext http, RateLimitLease lease, int fallbackSeconds, string title, Func<int, string> detail)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : fallbackSeconds;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = title,
                Detail = detail(retryAfter),
                Type = ProblemResults.TypeOf(CommonErrors.TooManyRequestsCode),
                Extensions = { ["code"] = CommonErrors.TooManyRequestsCode },
            },
        }).AsTask();
    }
}
