using Library.BuildingBlocks.Hosting;
using Library.BuildingBlocks.ReadStore;
using Library.BuildingBlocks.ReadStore.MongoDb;
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

    /// <summary>
    /// What the MongoDB adapter throws when no server answers in time (it wraps the driver's
    /// TimeoutException, MongoConnectionException or MongoExecutionTimeoutException): a 503 to retry, as
    /// for PostgreSQL, where it used to be a 500 after 5 s.
    /// </summary>
    [Fact]
    public async Task A_read_store_that_cannot_be_reached_answers_503_with_retry_after()
    {
        var unavailable = new ReadStoreUnavailableException(
            "MongoDB collection 'lending_query.loans' cannot be reached right now.",
            new TimeoutException("A timeout occurred after 5000ms selecting a server"));
        var (status, context) = await HandleAsync(new InvalidOperationException("wrapped by a handler", unavailable));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
        var body = await BodyOf(context);
        Assert.Contains("\"code\":\"server.unavailable\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("lending_query", body, StringComparison.Ordinal);
    }

    /// <summary>End to end through the real driver: an operation against a server that refuses connections.</summary>
    [Fact]
    public async Task A_mongodb_read_against_an_unreachable_server_answers_503()
    {
        using var provider = new MongoReadStoreProvider("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=200", "unreachable_");
        var store = provider.Open<ContractDocument>("contract", "documents", []);
        var failure = await Record.ExceptionAsync(() => store.GetAsync("a"));

        var (status, context) = await HandleAsync(failure!);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
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
