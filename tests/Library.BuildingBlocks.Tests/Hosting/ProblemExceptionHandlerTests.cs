using Library.BuildingBlocks.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Library.BuildingBlocks.Tests.Hosting;

/// <summary>What escapes an endpoint: an unreachable or overloaded database is a 503 to retry, never a 500.</summary>
public sealed class ProblemExceptionHandlerTests
{
    [Fact]
    public async Task An_exhausted_connection_pool_wrapped_by_ef_core_answers_503_with_retry_after()
    {
        // What the benchmark's overload produced: EF Core's retry wrapper around Npgsql's pool timeout.
        var exhausted = new NpgsqlException("The connection pool has been exhausted", new TimeoutException());
        var (status, context) = await HandleAsync(new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", exhausted));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
        Assert.Contains("\"code\":\"server.unavailable\"", await BodyOf(context), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_database_connection_answers_503()
    {
        var refused = new NpgsqlException("Failed to connect to 127.0.0.1:1", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));
        var (status, _) = await HandleAsync(refused);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
    }

    [Fact]
    public async Task Any_other_failure_stays_a_500_without_details()
    {
        var (status, context) = await HandleAsync(new InvalidOperationException("a bug"));
        Assert.Equal(StatusCodes.Status500InternalServerError, status);
        var body = await BodyOf(context);
        Assert.Contains("\"code\":\"server.internal_error\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("a bug", body, StringComparison.Ordinal);
    }

    private static async Task<(int Status, HttpContext Context)> HandleAsync(Exception exception)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "POST";
        context.Request.Path = "/api/loans";
        context.Response.Body = new MemoryStream();
        var handler = new ProblemExceptionHandler(services.GetRequiredService<IProblemDetailsService>(), NullLogger<ProblemExceptionHandler>.Instance);

        Assert.True(await handler.TryHandleAsync(context, exception, CancellationToken.None));
        return (context.Response.StatusCode, context);
    }

    private static async Task<string> BodyOf(HttpContext context)
    {
        context.Response.Body.Position = 0;
        return await new StreamReader(context.Response.Body).ReadToEndAsync();
    }
}
