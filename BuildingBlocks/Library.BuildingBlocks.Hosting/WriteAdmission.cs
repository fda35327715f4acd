using System.Threading.RateLimiting;
using Library.BuildingBlocks.Results;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Library.BuildingBlocks.Hosting;

/// <summary>Bound from <c>Server:WriteAdmission</c>.</summary>
public sealed class WriteAdmissionOptions
{
    public const string SectionName = "Server:WriteAdmission";

    /// <summary>
    /// Writes (anything but GET and HEAD) running at once; 0 admits all. Each holds a database
    /// connection for its transaction, and past a few dozen the database only thrashes: under a burst
    /// every request then waited on the connection pool until it timed out, and nothing succeeded.
    /// </summary>
    public int MaxConcurrent { get; set; } = 32;

    /// <summary>Writes waiting for a turn, oldest first; beyond this a write is refused at once with 503 <c>server.busy</c>.</summary>
    public int QueueLimit { get; set; } = 1_000;
}

internal static class WriteAdmission
{
    public static IServiceCollection AddWriteAdmission(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(WriteAdmissionOptions.SectionName).Get<WriteAdmissionOptions>() ?? new WriteAdmissionOptions();
        return services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                options.MaxConcurrent <= 0 || HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                    ? RateLimitPartition.GetNoLimiter("reads")
                    : RateLimitPartition.GetConcurrencyLimiter("writes", _ => new ConcurrencyLimiterOptions
                    {
                        PermitLimit = options.MaxConcurrent,
                        QueueLimit = options.QueueLimit,
                        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    }));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var http = rejected.HttpContext;
                http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = RetryLaterProblem.For(
                        http,
                        CommonErrors.ServiceBusyCode,
                        "The service is busy",
                        "Too many changes are waiting; nothing was written. Retry shortly."),
                });
            };
        });
    }
}
