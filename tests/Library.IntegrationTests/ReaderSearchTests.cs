using System.Net;

namespace Library.IntegrationTests;

public sealed class ReaderSearchTests(LibraryAppFactory app) : IClassFixture<LibraryAppFactory>
{
    private readonly HttpClient _client = app.CreateLibrarianClient();

    [Fact]
    public async Task Search_by_number_name_and_email_pages_with_a_total()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var body = ReaderScenario.ValidRegistration($"Search.{marker}.{i}@Example.org");
            body["name"] = $"Zofia {marker} Nowak {i}";
            ids.Add((string)(await _client.Register(body))["readerId"]!);
        }

        var last = await _client.ReadReaderAtVersion(ids[^1], 1);
        foreach (var id in ids)
        {
            await _client.ReadReaderAtVersion(id, 1);
        }

        var byName = await (await _client.GetAsync($"/api/readers?name={marker.ToUpperInvariant()}&page=1&pageSize=2")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(3, (long)byName["total"]!);
        Assert.Equal(2, byName["items"]!.AsArray().Count);
        Assert.Equal(2, (int)byName["pageSize"]!);
        var secondPage = await (await _client.GetAsync($"/api/readers?name={marker}&page=2&pageSize=2")).ShouldBe(HttpStatusCode.OK);
        Assert.Single(secondPage["items"]!.AsArray());

        var byEmail = await (await _client.GetAsync($"/api/readers?email=search.{marker}.1@example.org")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(ids[1], (string)byEmail["items"]![0]!["readerId"]!);

        var number = (string)last["readerNumber"]!;
        var byNumber = await (await _client.GetAsync($"/api/readers?number={Uri.EscapeDataString(number)}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(1, (long)byNumber["total"]!);
        Assert.Equal(ids[^1], (string)byNumber["items"]![0]!["readerId"]!);
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("pageSize=0")]
    [InlineData("pageSize=101")]
    public async Task Out_of_range_paging_is_a_400(string query)
    {
        await (await _client.GetAsync($"/api/readers?{query}")).ShouldBeProblem(HttpStatusCode.BadRequest, "request.validation_failed");
    }

    [Fact]
    public async Task A_page_that_is_not_a_number_is_a_400()
    {
        await (await _client.GetAsync("/api/readers?page=abc")).ShouldBeProblem(HttpStatusCode.BadRequest, "request.malformed");
    }
}
