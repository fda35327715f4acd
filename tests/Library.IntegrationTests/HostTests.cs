using System.Net;

namespace Library.IntegrationTests;

public sealed class HostTests(LibraryAppFactory app) : IClassFixture<LibraryAppFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task Liveness_and_readiness_answer_with_every_store_checked()
    {
        await (await _client.GetAsync("/health/live")).ShouldBe(HttpStatusCode.OK);

        var ready = await (await _client.GetAsync("/health/ready")).ShouldBe(HttpStatusCode.OK);
        var checks = ready["checks"]!.AsArray().Select(c => (string)c!["name"]!).ToList();
        Assert.Contains("command-store:reader-command", checks);
        Assert.Contains("messaging-store", checks);
        Assert.Contains("read-store:reader_query", checks);
        Assert.Contains("command-store:lending-command", checks);
        Assert.Contains("read-store:lending_query", checks);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_service_and_the_api_page_is_served()
    {
        var document = await (await _client.GetAsync("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK);
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/readers", paths);
        Assert.Contains("/api/readers/{readerId}", paths);
        Assert.Contains("/api/readers/{readerId}/suspension", paths);
        string[] lending =
        [
            "/api/books", "/api/books/{isbn}", "/api/books/{isbn}/copies", "/api/loans", "/api/loans/{loanId}",
            "/api/loans/overdue", "/api/loans/{loanId}/return", "/api/loans/{loanId}/renewal", "/api/loans/{loanId}/lost",
            "/api/fines/{fineId}/payments", "/api/fines/{fineId}/waiver", "/api/lending-policy", "/api/stats/loans",
        ];
        Assert.All(lending, path => Assert.Contains(path, paths));

        var page = await _client.GetAsync("/api-docs");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        await (await _client.GetAsync("/api/nothing-here")).ShouldBeProblem(HttpStatusCode.NotFound, "request.not_found");
    }
}
