using System.Net;
using Library.IntegrationTests.Auth;

namespace Library.IntegrationTests;

/// <summary>
/// <c>GET /api/loans/owing</c>: the fines still owing, oldest assessment first, for the desk to settle; a loan leaves
/// the list when its balance reaches zero, by payments or a waiver, also when they race.
/// </summary>
public sealed class FinesToSettleTests(LibraryAppFactory app) : IClassFixture<LibraryAppFactory>
{
    private readonly HttpClient _desk = app.CreateLibrarianClient();

    [Fact]
    public async Task A_fine_is_listed_until_it_is_settled_oldest_first()
    {
        var (_, barcodes) = await _desk.AddBookWithCopies(2);
        string[] readers = [await app.RegisterBorrower(_desk), await app.RegisterBorrower(_desk)];
        var now = app.Clock.GetUtcNow();
        var older = (string)(await _desk.Checkout(readers[0], barcodes[0], now.AddDays(-25)))["loanId"]!;
        var newer = (string)(await _desk.Checkout(readers[1], barcodes[1], now.AddDays(-20)))["loanId"]!;
        var olderReturn = await _desk.Return(older, new { occurredAt = now.AddDays(-2) });
        var (olderFine, olderAmount) = ((string)olderReturn["fine"]!["fineId"]!, (long)olderReturn["fine"]!["amountCents"]!);
        var newerFine = (string)(await _desk.Return(newer))["fine"]!["fineId"]!;

        var listed = await Owing(l => l.Count(x => readers.Contains(x.Reader)) == 2);
        Assert.Equal([older, newer], listed.Where(l => readers.Contains(l.Reader)).Select(l => l.LoanId));

        // Half paid: still owing; the rest waived: gone. The other one paid in full: gone.
        await (await _desk.PostJson($"/api/fines/{olderFine}/payments", new { amountCents = 100 })).ShouldBe(HttpStatusCode.OK);
        await (await _desk.PostJson($"/api/fines/{newerFine}/payments", new { amountCents = 250 })).ShouldBe(HttpStatusCode.OK); // 5 days × 50
        listed = await Owing(l => l.Count(x => readers.Contains(x.Reader)) == 1);
        Assert.Equal((older, olderAmount - 100), listed.Where(l => readers.Contains(l.Reader)).Select(l => (l.LoanId, l.Balance)).Single());
        await (await _desk.PostJson($"/api/fines/{olderFine}/waiver", new { reason = "First time" })).ShouldBe(HttpStatusCode.OK);
        await Owing(l => l.All(x => !readers.Contains(x.Reader)));
    }

    [Fact]
    public async Task A_payment_and_a_waiver_at_once_leave_the_list_agreeing_with_the_fine()
    {
        for (var round = 0; round < 5; round++)
        {
            var (_, barcodes) = await _desk.AddBookWithCopies(1);
            var reader = await app.RegisterBorrower(_desk);
            var loan = (string)(await _desk.Checkout(reader, barcodes[0], app.Clock.GetUtcNow().AddDays(-20)))["loanId"]!;
            var fine = (string)(await _desk.Return(loan))["fine"]!["fineId"]!;
            await Owing(l => l.Any(x => x.LoanId == loan));

            var answers = await Desks.AtOnce(
                () => _desk.PostJson($"/api/fines/{fine}/payments", new { amountCents = 100 }),
                () => _desk.PostJson($"/api/fines/{fine}/waiver", new { reason = "Desk decision" }));
            Assert.Contains(HttpStatusCode.OK, answers.Select(a => a.Status));

            // Whatever won, the fine owes nothing after a waiver, so the loan leaves the list; the loan itself says the same.
            await Owing(l => l.All(x => x.LoanId != loan));
            var read = await _desk.ReadLoanAtVersion(loan, answers.Count(a => a.Status == HttpStatusCode.OK) + 2);
            Assert.Equal(0, (long)read["fine"]!["balanceCents"]!);
        }
    }

    [Fact]
    public async Task The_list_is_the_desks()
    {
        var reader = await _desk.RegisterReaderWithPasswordAsync();
        var asReader = await app.CreateClient().AsReaderAsync((string)reader["readerNumber"]!);
        await (await asReader.GetAsync("/api/loans/owing")).ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await app.CreateClient().GetAsync("/api/loans/owing")).ShouldBeProblem(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        await (await _desk.GetAsync("/api/loans/owing?pageSize=0")).ShouldBeProblem(HttpStatusCode.BadRequest, "request.validation_failed");
    }

    private sealed record Listed(string LoanId, string Reader, long Balance);

    private async Task<IReadOnlyList<Listed>> Owing(Func<IReadOnlyList<Listed>, bool> condition)
    {
        var listed = await Eventually.Until(
            async () =>
            {
                var page = await (await _desk.GetAsync("/api/loans/owing?page=1&pageSize=100")).ShouldBe(HttpStatusCode.OK);
                return (IReadOnlyList<Listed>)[.. page["items"]!.AsArray().Select(l => new Listed(
                    (string)l!["loanId"]!, (string)l["reader"]!["readerId"]!, (long)l["fine"]!["balanceCents"]!))];
            },
            condition,
            what: "the fines to settle");
        return listed;
    }
}
