using System.Globalization;
using Library.BuildingBlocks.ReadStore;
using Library.Lending.Contracts;
using Library.Lending.Query.ReadModel;

namespace Library.Lending.Query.Projections;

/// <summary>
/// Maintains the loan statistics incrementally, counting each fact of a loan (its checkout, its
/// return) exactly once although events arrive at least once, in any order, possibly concurrently,
/// and the store has no multi-document transactions. A fact increments several small documents (the
/// month's totals; the book's and the reader's counts for the month and for all time), in three steps,
/// each a compare-and-set on one document:
/// <list type="number">
/// <item>in each document, add the increment and the fact to <c>PendingFacts</c>, unless already pending there
/// (the documents concurrently, the month's total last);</item>
/// <item>mark the fact counted in the loan's ledger;</item>
/// <item>remove the fact from each document's <c>PendingFacts</c>.</item>
/// </list>
/// A retry after a crash between steps finds the fact pending (skips that document) or counted
/// (skips to 3). Step 1 reads the ledger after reading the document, so a concurrent duplicate that
/// already completed step 3 is seen as counted rather than counted again.
/// </summary>
internal sealed class LoanStatistics(
    IReadStore<LoanStatsMonthDocument> months,
    IReadStore<BookLoanCountDocument> books,
    IReadStore<ReaderLoanCountDocument> readers,
    IReadStore<LoanStatsLedgerDocument> ledgers)
{
    private enum Fact
    {
        Checkout,
        Return,
    }

    public static string MonthOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public async Task CountAsync(Guid loanId, LoanSnapshot loan, CancellationToken ct)
    {
        var id = loanId.ToString();
        var month = MonthOf(loan.CheckedOutAt);
        var reader = loan.ReaderId.ToString();
        await CountFactAsync(
            id,
            Fact.Checkout,
            [
                LoanCount(books, month, loan.Isbn),
                LoanCount(books, LoanCountDocument.AllTime, loan.Isbn),
                LoanCount(readers, month, reader),
                LoanCount(readers, LoanCountDocument.AllTime, reader),

                // Last, so that the month's total never runs ahead of the top lists.
                Target(months, month, m => m.Loans++),
            ],
            ct);

        if (loan is { Status: LoanStatuses.Returned, ReturnedAt: { } returnedAt })
        {
            var minutes = (long)Math.Round((returnedAt - loan.CheckedOutAt).TotalMinutes);
            await CountFactAsync(
                id,
                Fact.Return,
                [
                    Target(months, month, m =>
                    {
                        m.ReturnedLoans++;
                        m.TotalLoanMinutes += minutes;
                    }),
                ],
                ct);
        }
    }

    /// <summary>One document a fact counts into: how to read it, create it, increment it and write it back.</summary>
    private sealed record CountTarget(
        Func<CancellationToken, Task<StatsCounterDocument?>> Get,
        Func<StatsCounterDocument> Create,
        Action<StatsCounterDocument> Increment,
        Func<StatsCounterDocument, CancellationToken, Task<bool>> Write);

    private static CountTarget Target<TDocument>(IReadStore<TDocument> store, string id, Action<TDocument> increment)
        where TDocument : StatsCounterDocument, new() =>
        new(
            async ct => await store.GetAsync(id, ct),
            () => new TDocument { Id = id },
            document => increment((TDocument)document),
            (document, ct) => store.UpsertIfNewerAsync((TDocument)document, ct));

    private static CountTarget LoanCount<TDocument>(IReadStore<TDocument> store, string month, string key)
        where TDocument : LoanCountDocument, new()
    {
        var target = Target(store, LoanCountDocument.IdOf(month, key), document => document.Loans++);
        return target with
        {
            Create = () => new TDocument { Id = LoanCountDocument.IdOf(month, key), Month = month, Key = key },
        };
    }

    private static bool IsCounted(LoanStatsLedgerDocument? ledger, Fact fact) =>
        ledger is not null && (fact == Fact.Checkout ? ledger.CheckoutCounted : ledger.ReturnCounted);

    private async Task CountFactAsync(string loanId, Fact fact, IReadOnlyList<CountTarget> targets, CancellationToken ct)
    {
        var factId = $"{loanId}:{fact}";
        if (!IsCounted(await ledgers.GetAsync(loanId, ct), fact))
        {
            // Each document decides on its own whether it counts the fact (pending there, or counted in
            // the ledger), so the documents of a step are written concurrently: a step costs one
            // store round trip rather than one per document. The last target still goes last.
            var added = await Task.WhenAll(targets.SkipLast(1).Select(target => AddPendingAsync(loanId, fact, factId, target, ct)));
            if (added.All(a => a) && await AddPendingAsync(loanId, fact, factId, targets[^1], ct))
            {
                await MarkCountedAsync(loanId, fact, ct);
            }
        }

        await Task.WhenAll(targets.Select(target => RemovePendingAsync(factId, target, ct)));
    }

    /// <summary>Step 1 for one document; false when the ledger shows the fact was counted meanwhile.</summary>
    private async Task<bool> AddPendingAsync(string loanId, Fact fact, string factId, CountTarget target, CancellationToken ct)
    {
        while (true)
        {
            var document = await target.Get(ct) ?? target.Create();
            if (document.PendingFacts.Contains(factId))
            {
                return true;
            }

            if (IsCounted(await ledgers.GetAsync(loanId, ct), fact))
            {
                return false;
            }

            target.Increment(document);
            document.PendingFacts.Add(factId);
            document.Version++;
            if (await target.Write(document, ct))
            {
                return true;
            }
        }
    }

    private async Task MarkCountedAsync(string loanId, Fact fact, CancellationToken ct)
    {
        while (true)
        {
            var ledger = await ledgers.GetAsync(loanId, ct) ?? new LoanStatsLedgerDocument { Id = loanId };
            if (IsCounted(ledger, fact))
            {
                return;
            }

            if (fact == Fact.Checkout)
            {
                ledger.CheckoutCounted = true;
            }
            else
            {
                ledger.ReturnCounted = true;
            }

            ledger.Version++;
            if (await ledgers.UpsertIfNewerAsync(ledger, ct))
            {
                return;
            }
        }
    }

    private static async Task RemovePendingAsync(string factId, CountTarget target, CancellationToken ct)
    {
        while (await target.Get(ct) is { } document && document.PendingFacts.Remove(factId))
        {
            document.Version++;
            if (await target.Write(document, ct))
            {
                return;
            }
        }
    }
}
