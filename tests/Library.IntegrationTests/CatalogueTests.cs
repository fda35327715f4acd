using System.Net;

namespace Library.IntegrationTests;

public sealed class CatalogueTests(LibraryAppFactory app) : IClassFixture<LibraryAppFactory>
{
    private readonly HttpClient _client = app.CreateLibrarianClient();

    [Fact]
    public async Task A_book_is_added_once_whatever_the_isbns_hyphenation()
    {
        var isbn = LendingScenario.NextIsbn();
        var hyphenated = $"{isbn[..3]}-{isbn[3]}-{isbn[4..8]}-{isbn[8..12]}-{isbn[12]}";

        var created = await _client.PostJson("/api/books", new { isbn = hyphenated, title = "Refactoring", authors = new[] { "Martin Fowler" } });
        var body = await created.ShouldBe(HttpStatusCode.Created);
        Assert.Equal(isbn, (string)body["isbn"]!);
        Assert.Equal($"/api/books/{isbn}", created.Headers.Location!.ToString());
        Assert.Equal("\"1\"", created.ETag());

        await (await _client.PostJson("/api/books", new { isbn, title = "Again", authors = new[] { "Someone" } }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "book.exists");
    }

    [Fact]
    public async Task A_book_needs_a_valid_isbn_a_title_and_an_author()
    {
        var problem = await (await _client.PostJson("/api/books", new { isbn = "978-0-13-468599-2", title = " ", authors = Array.Empty<string>() }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "request.validation_failed");
        var errors = problem["errors"]!.AsObject();
        Assert.Contains("isbn", errors.Select(e => e.Key));
        Assert.Contains("title", errors.Select(e => e.Key));
        Assert.Contains("authors", errors.Select(e => e.Key));

        await (await _client.SendRaw(HttpMethod.Post, "/api/books", """{"isbn": 9780134685991, "title": "x", "authors": ["a"]}"""))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "request.malformed");
    }

    [Fact]
    public async Task Copies_have_unique_barcodes_and_belong_to_a_known_book()
    {
        var isbn = await _client.AddBook();
        var barcode = await _client.AddCopy(isbn);
        var otherIsbn = await _client.AddBook(title: "Another");

        await (await _client.PostJson($"/api/books/{otherIsbn}/copies", new { barcode }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "copy.barcode_taken");
        await (await _client.PostJson($"/api/books/{LendingScenario.NextIsbn()}/copies", new { barcode = LendingScenario.NextBarcode() }))
            .ShouldBeProblem(HttpStatusCode.NotFound, "book.not_found");
        await (await _client.PostJson($"/api/books/not-an-isbn/copies", new { barcode = LendingScenario.NextBarcode() }))
            .ShouldBeProblem(HttpStatusCode.NotFound, "book.not_found");
        await (await _client.PostJson($"/api/books/{isbn}/copies", new { barcode = "has spaces" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "request.validation_failed");
    }

    [Fact]
    public async Task The_catalogue_shows_copies_available_and_total_and_is_searchable()
    {
        var title = "Domain-Driven Design " + Guid.NewGuid().ToString("N")[..6];
        var isbn = await _client.AddBook(title: title, authors: ["Eric Evans"], genre: "Architecture");
        var first = await _client.AddCopy(isbn);
        await _client.AddCopy(isbn);
        var readerId = await app.RegisterBorrower(_client);
        await _client.Checkout(readerId, first);

        var book = await Eventually.Until(
            () => _client.GetFound($"/api/books/{isbn}"),
            b => b is not null && (int?)b["copiesTotal"] == 2 && (int?)b["copiesAvailable"] == 1,
            what: "book with 2 copies, 1 available");
        Assert.Equal(title, (string)book!["title"]!);
        Assert.Equal(["Eric Evans"], book["authors"]!.AsArray().Select(a => (string)a!));
        Assert.Equal(2, book["copies"]!.AsArray().Count);
        Assert.Contains(book["copies"]!.AsArray(), c => (string)c!["barcode"]! == first && (string)c["status"]! == "on_loan");

        var byTitle = await (await _client.GetAsync($"/api/books?title={Uri.EscapeDataString(title[^6..].ToUpperInvariant())}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(1, (long)byTitle["total"]!);
        Assert.Equal(1, (int)byTitle["items"]![0]!["copiesAvailable"]!);

        var byAuthor = await (await _client.GetAsync("/api/books?author=evans&genre=ARCHITECTURE")).ShouldBe(HttpStatusCode.OK);
        Assert.Contains(byAuthor["items"]!.AsArray(), b => (string)b!["isbn"]! == isbn);

        await (await _client.GetAsync($"/api/books/{LendingScenario.NextIsbn()}")).ShouldBeProblem(HttpStatusCode.NotFound, "book.not_found");
        await (await _client.GetAsync("/api/books?pageSize=0")).ShouldBeProblem(HttpStatusCode.BadRequest, "request.validation_failed");
    }

    /// <summary>
    /// The details list at most 500 copies, but the counts are of every copy: they used to be counted
    /// from that listing, so a title with more copies reported 500. Through the real projection and HTTP.
    /// </summary>
    [Fact]
    public async Task A_title_with_more_copies_than_are_listed_counts_every_copy()
    {
        const int Copies = 520;
        var title = "Many Copies " + Guid.NewGuid().ToString("N")[..8];
        var isbn = await _client.AddBook(title: title);
        var barcodes = new List<string>();
        for (var i = 0; i < Copies; i++)
        {
            barcodes.Add(await _client.AddCopy(isbn));
        }

        var readerId = await app.RegisterBorrower(_client);
        await _client.Checkout(readerId, barcodes[^1]);

        var book = await Eventually.Until(
            () => _client.GetFound($"/api/books/{isbn}"),
            b => b is not null && (int?)b["copiesTotal"] == Copies && (int?)b["copiesAvailable"] == Copies - 1,
            TimeSpan.FromSeconds(30),
            what: $"book with {Copies} copies, {Copies - 1} available");
        Assert.Equal(500, book!["copies"]!.AsArray().Count);

        var search = await (await _client.GetAsync($"/api/books?title={Uri.EscapeDataString(title[^8..])}")).ShouldBe(HttpStatusCode.OK);
        var found = search["items"]!.AsArray().Single(b => (string)b!["isbn"]! == isbn)!;
        Assert.Equal(Copies, (int)found["copiesTotal"]!);
        Assert.Equal(Copies - 1, (int)found["copiesAvailable"]!);
    }
}
