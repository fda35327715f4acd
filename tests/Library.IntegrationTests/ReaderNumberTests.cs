namespace Library.IntegrationTests;

/// <summary>Moves the fake clock forward, so it has a host of its own.</summary>
public sealed class ReaderNumberTests(LibraryAppFactory app) : IClassFixture<LibraryAppFactory>
{
    private readonly HttpClient _client = app.CreateLibrarianClient();

    [Fact]
    public async Task Reader_numbers_count_up_within_a_year_and_restart_at_one_in_the_next()
    {
        var first = await _client.Register();
        var second = await _client.Register();
        Assert.Equal("2026/1", (string)first["readerNumber"]!);
        Assert.Equal("2026/2", (string)second["readerNumber"]!);

        app.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 1, 0, 0, 1, TimeSpan.Zero));
        var nextYear = await _client.Register();
        var after = await _client.Register();

        Assert.Equal("2027/1", (string)nextYear["readerNumber"]!);
        Assert.Equal("2027/2", (string)after["readerNumber"]!);
    }
}
