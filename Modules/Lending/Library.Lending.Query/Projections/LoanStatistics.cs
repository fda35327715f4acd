using System.Globalization;
using Library.BuildingBlocks.ReadStore;
using Library.Lending.Contracts;
using Library.Lending.Query.ReadModel;

namespace Library.Lending.Query.Projections;

/// <summary>
/// Maintains the monthly loan statistics incrementally, counting each fact of a loan (its checkout,
/// its return) exactly once although events arrive at least once, in any order, possibly concurrently,
/// and the store has no multi-document transactions. Each fact is counted in three single-document
/// steps, each atomic (compare-and-set on the document's version):
/// <list type="number">
/// <item>add it to the month's counters and to the month's <c>PendingFacts</c>, unless already pending;</item>
/// <item>mark it counted in the loan's ledger;</item>
/// <item>remove it from <c>PendingFacts</c>.</item>
/// </list>
/// A retry after a crash between steps finds the fact pending (skips step 1) or counted (skips to 3).
/// Step 1 reads the ledger after reading the month, so a concurrent duplicate that already completed
/// step 3 is seen as counted rather than counted again.
/// </summary>
internal sealed class LoanStatistics(IReadStore<LoanStatsMonthDocument> months, IReadStore<LoanStatsLedgerDocument> ledgers)
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
        await CountFactAsync(id, Fact.Checkout, month, bucket =>
        {
            bucket.Loans++;
            bucket.Books[loan.Isbn] = bucket.Books.GetValueOrDefault(loan.Isbn) + 1;
            var reader = loan.ReaderId.ToString();
            bucket.Readers[reader] = bucket.Readers.GetValueOrDefault(reader) + 1;
        }, ct);

        if (loan is { Status: LoanStatuses.Returned, ReturnedAt: { } returnedAt })
        {
            var minutes = (long)Math.Round((returnedAt - loan.CheckedOutAt).TotalMinutes);
            await CountFactAsync(id, Fact.Return, month, bucket =>
            {
                bucket.ReturnedLoans++;
                bucket.TotalLoanMinutes += minutes;
            }, ct);
        }
    }

    private static bool IsCounted(LoanStatsLedgerDocument? ledger, Fact fact) =>
        ledger is not null && (fact == Fact.Checkout ? ledger.CheckoutCounted : ledger.ReturnCounted);

    private async Task CountFactAsync(string loanId, Fact fact, string month, Action<LoanStatsMonthDocument> count, CancellationToken ct)
    {
        var factId = $"{loanId}:{fact}";
        if (!IsCounted(await ledgers.GetAsync(loanId, ct), fact))
        {
            if (!await AddPendingAsync(loanId, fact, factId, month, count, ct))
            {
                await RemovePendingAsync(month, factId, ct);
                return;
            }

            await MarkCountedAsync(loanId, fact, ct);
        }

        await RemovePendingAsync(month, factId, ct);
    }

    /// <summary>Step 1; false when the ledger shows the fact was counted meanwhile.</summary>
    private async Task<bool> AddPendingAsync(
        string loanId, Fact fact, string factId, string month, Action<LoanStatsMonthDocument> count, CancellationToken ct)
    {
        while (true)
        {
            var bucket = await months.GetAsync(month, ct) ?? new LoanStatsMonthDocument { Id = month };
            if (bucket.PendingFacts.Contains(factId))
            {
                return true;
            }

            if (IsCounted(await ledgers.GetAsync(loanId, ct), fact))
            {
                return false;
            }

            count(bucket);
            bucket.PendingFacts.Add(factId);
            bucket.Version++;
            if (await months.UpsertIfNewerAsync(bucket, ct))
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

    private async Task RemovePendingAsync(string month, string factId, CancellationToken ct)
    {
        while (await months.GetAsync(month, ct) is { } bucket && bucket.PendingFacts.Remove(factId))
        {
            bucket.Version++;
            if (await months.UpsertIfNewerAsync(bucket, ct))
            {
                return;
            }
        }
    }
}
