using System.Net;

namespace Library.IntegrationTests;

/// <summary>
/// Two (or twenty) desks change one loan or one fine at the same instant. Each request either applies
/// to the state the one before it committed or is refused with the spec's code, the balance never goes
/// below zero, and the command store, the events and every read model agree afterwards. Several rounds
/// each, because one lucky interleaving proves little. On the locking read that materialised the fine
/// from a snapshot older than the lock, 20 payments of 200 left 200 paid and pay‖waive left −1,000.
/// </summary>
public sealed class MoneyRaceTests(EventHistoryAppFactory app) : IClassFixture<EventHistoryAppFactory>
{
    private const int Rounds = 8;

    // 70 days out on a 15-day loan: 55 days late × 50 cents = 2,750, under the 5,000 cap.
    private const long LateFine = 2_750;

    private readonly HttpClient _client = app.CreateLibrarianClient();

    [Fact]
    public async Task Twenty_payments_of_one_fine_at_once_each_apply_to_the_balance_the_one_before_left()
    {
        for (var round = 0; round < 3; round++)
        {
            var (_, loanId, fineId, _) = await FinedLoanAsync();
            var responses = await Desks.AtOnce(Enumerable.Range(0, 20)
                .Select(_ => (Func<Task<HttpResponseMessage>>)(() => _client.PostJson($"/api/fines/{fineId}/payments", new { amountCents = 200 })))
                .ToArray());

            // 13 × 200 = 2,600 fits in 2,750; a 14th would not.
            var paid = responses.Where(r => r.Status == HttpStatusCode.OK).ToList();
            Assert.Equal(13, paid.Count);
            Assert.All(responses.Where(r => r.Status != HttpStatusCode.OK), r =>
            {
                Assert.Equal(HttpStatusCode.Conflict, r.Status);
                Assert.Equal("fine.payment_exceeds_balance", (string?)r.Body["code"]);
            });
            Assert.Equal(
                Enumerable.Range(0, 13).Select(i => LateFine - (200 * (i + 1))).ToList(),
                paid.Select(r => (long)r.Body["balanceCents"]!).OrderDescending().ToList());

            var row = (await app.LoanRowsAsync([loanId])).Single();
            Assert.Equal((2_600, 0, 150), (row.Paid, row.Waived, row.FineBalance));
            await app.AssertAgreeAsync(_client, [loanId]);
        }
    }

    [Fact]
    public async Task A_payment_and_a_waiver_at_once_never_take_the_balance_below_zero()
    {
        var outcomes = new HashSet<string>();
        for (var round = 0; round < Rounds; round++)
        {
            var (_, loanId, fineId, _) = await FinedLoanAsync();
            var responses = await Desks.AtOnce(
                () => _client.PostJson($"/api/fines/{fineId}/payments", new { amountCents = 1_000 }),
                () => _client.PostJson($"/api/fines/{fineId}/waiver", new { reason = "Goodwill" }));

            var (pay, waive) = (responses[0], responses[1]);
            Assert.Equal(HttpStatusCode.OK, waive.Status);
            var row = (await app.LoanRowsAsync([loanId])).Single();
            Assert.Equal(0, row.FineBalance);
            if (pay.Status == HttpStatusCode.OK)
            {
                // The payment went first; the waiver waived what it left.
                Assert.Equal((1_000, 1_750), (row.Paid, row.Waived));
                Assert.Equal(1_750, (long)pay.Body["balanceCents"]!);
                outcomes.Add("pay, then waive");
            }
            else
            {
                Assert.Equal(HttpStatusCode.Conflict, pay.Status);
                Assert.Equal("fine.settled", (string?)pay.Body["code"]);
                Assert.Equal((0, LateFine), (row.Paid, row.Waived));
                outcomes.Add("waive, then pay refused");
            }

            Assert.Equal(0, (long)waive.Body["balanceCents"]!);
            await app.AssertAgreeAsync(_client, [loanId]);

            // Nothing is owed any more, so the reader may be erased (the guard agrees with the command side).
            var obligations = await app.ObligationsOfAsync(row.ReaderId);
            Assert.Equal(0, obligations.OwedCents);
        }

        Assert.NotEmpty(outcomes);
    }

    [Fact]
    public async Task Two_waivers_of_one_fine_at_once_waive_it_once()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var (_, loanId, fineId, _) = await FinedLoanAsync();
            var responses = await Desks.AtOnce(
                () => _client.PostJson($"/api/fines/{fineId}/waiver", new { reason = "Desk one" }),
                () => _client.PostJson($"/api/fines/{fineId}/waiver", new { reason = "Desk two" }));

            Assert.Single(responses, r => r.Status == HttpStatusCode.OK);
            var refused = responses.Single(r => r.Status != HttpStatusCode.OK);
            Assert.Equal((HttpStatusCode.Conflict, "fine.settled"), (refused.Status, (string?)refused.Body["code"]));
            var row = (await app.LoanRowsAsync([loanId])).Single();
            Assert.Equal((0, LateFine, 0), (row.Paid, row.Waived, row.FineBalance));
            await app.AssertAgreeAsync(_client, [loanId]);
        }
    }

    [Fact]
    public async Task A_payment_racing_a_loss_of_the_same_readers_other_loan_leaves_every_side_with_the_same_debt()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var (_, finedLoan, fineId, others) = await FinedLoanAsync(others: 1);
            var openLoan = others[0];

            var responses = await Desks.AtOnce(
                () => _client.PostJson($"/api/fines/{fineId}/payments", new { amountCents = 1_000 }),
                () => _client.PostAsync($"/api/loans/{openLoan}/lost", null),
                () => _client.PostJson($"/api/fines/{fineId}/payments", new { amountCents = 1_000 }));

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.Status));
            var rows = await app.LoanRowsAsync([finedLoan, openLoan]);
            Assert.Equal((2_000, 750), (rows.Single(r => r.Id == finedLoan).Paid, rows.Single(r => r.Id == finedLoan).FineBalance));
            Assert.Equal(LateFine + 2_500, rows.Single(r => r.Id == openLoan).FineBalance); // late fee plus the lost-item fee
            await app.AssertAgreeAsync(_client, [finedLoan, openLoan]);
        }
    }

    [Fact]
    public async Task A_late_return_racing_a_payment_of_the_same_readers_fine_leaves_every_side_with_the_same_debt()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var (_, finedLoan, fineId, others) = await FinedLoanAsync(others: 1);
            var lateLoan = others[0];

            var responses = await Desks.AtOnce(
                () => _client.PostJson($"/api/loans/{lateLoan}/return", new { comment = "Back at the desk" }),
                () => _client.PostJson($"/api/fines/{fineId}/payments", new { amountCents = LateFine }));

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.Status));
            Assert.Equal(LateFine, (long)responses[0].Body["fine"]!["amountCents"]!);
            var rows = await app.LoanRowsAsync([finedLoan, lateLoan]);
            Assert.Equal(0, rows.Single(r => r.Id == finedLoan).FineBalance);
            Assert.Equal(LateFine, rows.Single(r => r.Id == lateLoan).FineBalance);
            await app.AssertAgreeAsync(_client, [finedLoan, lateLoan]);
        }
    }

    [Fact]
    public async Task A_renewal_racing_a_return_of_one_loan_either_renews_then_returns_or_is_refused()
    {
        var outcomes = new HashSet<string>();
        for (var round = 0; round < Rounds; round++)
        {
            var readerId = await app.RegisterBorrower(_client);
            var (_, barcodes) = await _client.AddBookWithCopies(1);
            var loanId = (string)(await _client.Checkout(readerId, barcodes[0]))["loanId"]!;

            var responses = await Desks.AtOnce(
                () => _client.PostAsync($"/api/loans/{loanId}/renewal", null),
                () => _client.PostJson($"/api/loans/{loanId}/return", new { }));

            var (renew, returned) = (responses[0], responses[1]);
            Assert.Equal(HttpStatusCode.OK, returned.Status);
            var row = (await app.LoanRowsAsync([loanId])).Single();
            Assert.Equal("returned", row.Status);
            if (renew.Status == HttpStatusCode.OK)
            {
                Assert.Equal((1, 3L), (row.Renewals, row.Version));
                outcomes.Add("renewed, then returned");
            }
            else
            {
                Assert.Equal((HttpStatusCode.Conflict, "loan.already_returned"), (renew.Status, (string?)renew.Body["code"]));
                Assert.Equal((0, 2L), (row.Renewals, row.Version));
                outcomes.Add("returned, renewal refused");
            }

            await app.AssertAgreeAsync(_client, [loanId]);
        }

        Assert.NotEmpty(outcomes);
    }

    /// <summary>
    /// A new reader with one loan returned 70 days after its checkout, a fine of 2,750, and
    /// <paramref name="others"/> more loans checked out with it and still open (overdue by 55 days).
    /// The clock moves instead of backdating, since a reader with an overdue loan may not borrow again.
    /// </summary>
    private async Task<(string ReaderId, string LoanId, string FineId, string[] Others)> FinedLoanAsync(int others = 0)
    {
        var readerId = await app.RegisterBorrower(_client);
        var (_, barcodes) = await _client.AddBookWithCopies(1 + others);
        var loans = new string[barcodes.Length];
        for (var i = 0; i < barcodes.Length; i++)
        {
            loans[i] = (string)(await _client.Checkout(readerId, barcodes[i]))["loanId"]!;
        }

        app.Clock.Advance(TimeSpan.FromDays(70));
        var returned = await _client.Return(loans[0]);
        Assert.Equal(LateFine, (long)returned["fine"]!["amountCents"]!);
        return (readerId, loans[0], (string)returned["fine"]!["fineId"]!, loans[1..]);
    }
}
