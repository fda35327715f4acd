using Library.BuildingBlocks.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Library.BuildingBlocks.Tests.Hosting;

/// <summary>Readiness is public: which check failed, never why (the error named hosts, ports and users).</summary>
public sealed class HealthReportTests
{
    [Fact]
    public async Task A_failing_check_is_a_503_problem_with_its_name_and_status_and_no_description_or_error()
    {
        var failure = new HealthReportEntry(
            HealthStatus.Unhealthy,
            "Host=10.1.2.3 refused the connection",
            TimeSpan.FromMilliseconds(3),
            new InvalidOperationException("password authentication failed for user \"library\""),
            null);
        var report = new HealthReport(
            new Dictionary<string, HealthReportEntry>
            {
                ["command-store:reader-command"] = failure,
                ["read-store:reader_query"] = new(HealthStatus.Healthy, "fine", TimeSpan.Zero, null, null),
            },
            TimeSpan.FromMilliseconds(4));
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;

        await LibraryHostExtensions.WriteHealthReport(context, report);

        context.Response.Body.Position = 0;
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync();
        Assert.StartsWith("application/problem+json", context.Response.ContentType, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"server.not_ready\"", body, StringComparison.Ordinal);
        Assert.Contains("command-store:reader-command", body, StringComparison.Ordinal);
        Assert.DoesNotContain("10.1.2.3", body, StringComparison.Ordinal);
        Assert.DoesNotContain("password", body, StringComparison.Ordinal);
        Assert.DoesNotContain("fine", body, StringComparison.Ordinal);
    }
}
