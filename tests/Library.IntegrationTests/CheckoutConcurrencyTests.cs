using System.Net;

namespace Library.IntegrationTests;

/// <summary>
/// Concurrent checkouts fired at once through the host: the database (row locks, and a partial unique
/// index behind them) decides, not memory. Several rounds, because one lucky interleaving proves little.
/// </summary>
public sealed class CheckoutConcurrencyTests(LibraryAppFactory app) : IClassFixture<LibraryAppFactory>
{
    private const int Rounds = 8;
    private readonly HttpClient _client = app.CreateLibrarianClient();

    [Fact]
    public async Task Two_checkouts_of_one_copy_at_the_same_moment_give_exactly_one_loan()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var (_, barcodes) = await _client.AddBookWithCopies(1);
            var first = await app.RegisterBorrower(_client);
            var second = await app.RegisterBorrower(_client);

            using var start = new Barrier(2);
            var responses = await Task.WhenAll(
                Task.Run(() => { start.SignalAndWait(); return _client.TryCheckout(first, barcodes[0]); }),
                Task.Run(() => { start.SignalAndWait(); return _client.TryCheckout(second, barcodes[0]); }));

            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
            await responses.Single(r => r.StatusCode != HttpStatusCode.Created).ShouldBeProblem(HttpStatusCode.Conflict, "copy.not_available");
        }
    }

    [Fact]
    public async Task A_reader_one_below_the_limit_gets_exactly_one_of_two_concurrent_checkouts()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var (_, barcodes) = await _client.AddBookWithCopies(4);
            var readerId = await app.RegisterBorrower(_client);
            await _client.Checkout(readerId, barcodes[0]);
            await _client.Checkout(readerId, barcodes[1]);

            using var start = new Barrier(2);
            var responses = await Task.WhenAll(
                Task.Run(() => { start.SignalAndWait(); return _client.TryCheckout(readerId, barcodes[2]); }),
                Task.Run(() => { start.SignalAndWait(); return _client.TryCheckout(readerId, barcodes[3]); }));

            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
            await responses.Single(r => r.StatusCode != HttpStatusCode.Created).ShouldBeProblem(HttpStatusCode.Conflict, "reader.loan_limit_reached");
        }
    }

    [Fact]
    public async Task Concurrent_checkouts_of_different_readers_get_distinct_loan_numbers_of_the_year()
    {
        const int Desks = 12;
        var (_, barcodes) = await _client.AddBookWithCopies(Desks);
        var readers = new string[Desks];
        for (var i = 0; i < Desks; i++)
        {
            readers[i] = await app.RegisterBorrower(_client);
        }

        using var start = new Barrier(Desks);
        var loans = await Task.WhenAll(Enumerable.Range(0, Desks).Select(i => Task.Run(async () =>
        {
            start.SignalAndWait();
            return await _client.Checkout(readers[i], barcodes[i]);
        })));

        var numbers = loans.Select(loan => (string)loan["loanNumber"]!).ToList();
        Assert.All(numbers, number => Assert.Matches(@"^2026/\d+$", number));
        Assert.Equal(Desks, numbers.Distinct().Count());
    }
}
