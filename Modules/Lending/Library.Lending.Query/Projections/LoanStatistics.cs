using System.Globalization;
using Library.BuildingBlocks.ReadStore;
using Library.Lending.Contracts;
using Library.Lending.Query.ReadModel;

namespace Library.Lending.Query.Projections;

/// <summary>
/// Maintains the loan statistics incrementally, counting each fact of a loan (its checkout, its
/// return) exactly once although events arrive at least once, in any order, possibly concurrently, a
/// handler may crash at any point, and the store has no multi-document transactions. A fact increments
/// several small documents (the month's totals; the book's and the reader's counts for the month and
/// for all time) by atomic updates only: no compare-and-set on a counter document, which every loan of a
/// month touches, so concurrent deliveries never retry there (ADR 0025). One execution of
/// <see cref="CountAsync"/> for a fact is an attempt, with a fresh random token <c>T</c>:
/// <list type="number">
/// <item>Read the loan's ledger. If the fact is claimed there (winner token <c>W</c>), read each document
/// and go to 4.</item>
/// <item>Add, in each document at once: one update that increments the fact's counters and adds
/// <c>{factId}@{T}</c> to <c>PendingFacts</c>, only while that entry is missing (upsert), answering the
/// document as it left it. Sent again after a transient failure it applies only if it had not.</item>
/// <item>Claim: a compare-and-set on the ledger alone (a per-loan document, so only duplicates of this
/// fact contend): unless claimed already, record <c>T</c> as the winner.</item>
/// <item>Settle, in each document at once, from the document as step 2 answered it (or as read in 1):
/// every entry of this fact whose token is <c>W</c> is pulled; every other one is a loser's (this
/// attempt's if it lost, a crashed attempt's, a concurrent duplicate's): its increments are subtracted
/// and the entry pulled in one update, only while the entry is there.</item>
/// </list>
/// Why exactly once: an attempt's add is idempotent per document by its own token, so a document holds
/// each attempt's increment at most once, and only together with its entry. Exactly one token wins the
/// ledger, for good, and it won only after adding to every document; a winner's entries are only ever
/// pulled, so its increments stay, and every other token's entries are compensated at most once (the
/// condition on presence makes two settlers of one entry compensate it once) and so each document ends
/// with exactly the winner's increment. Every entry is settled by someone: every attempt that adds
/// settles from a view taken after its own add, so it sees its own entry; an attempt that crashes is
/// delivered again (at least once), and the new attempt's reads and adds come after the crash, so its
/// views hold whatever entries the crashed one left. A fact's increments follow from the loan snapshot
/// alone (a return's minutes from <see cref="LoanSnapshot.CheckedOutAt"/> and
/// <see cref="LoanSnapshot.ReturnedAt"/>), so a compensation subtracts exactly what the loser added. The
/// counts may run ahead by a loser's increment for a moment, until it is compensated (after a crash: until
/// the redelivery). Entries of the protocol before (ADR 0014) have no token and count as token <c>""</c>,
/// as does a ledger flag without a winner, so leftovers of a crashed old attempt are settled the same way.
/// </summary>
internal sealed class LoanStatistics(
    IReadStore<LoanStatsMonthDocument> months,
    IReadStore<BookLoanCountDocument> books,
    IReadStore<ReaderLoanCountDocument> readers,
    IReadStore<LoanStatsLedgerDocument> ledgers)
{
    private const string Pending = nameof(StatsCounterDocument.PendingFacts);

    private enum Fact
    {
        Checkout,
        Return,
    }

    /// <summary>One document a fact counts into, and how.</summary>
    private interface ICounter
    {
        /// <summary>Step 2: the increments and the entry, unless the entry is there; the document after it, or null when it was there.</summary>
        Task<StatsCounterDocument?> AddAsync(string entry, CancellationToken ct);

        Task<StatsCounterDocument?> GetAsync(CancellationToken ct);

        /// <summary>Step 4 for one entry: pulls it, after subtracting the fact's increments when <paramref name="compensate"/>; nothing when it is gone.</summary>
        Task SettleAsync(string entry, bool compensate, CancellationToken ct);
    }

    public static string MonthOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public async Task CountAsync(Guid loanId, LoanSnapshot loan, CancellationToken ct)
    {
        var id = loanId.ToString();
        var month = MonthOf(loan.CheckedOutAt);
        var reader = loan.ReaderId.ToString();

        // One ledger read serves both facts: a claim is a compare-and-set, so a stale copy costs a retry, never a wrong claim.
        var ledger = await ledgers.GetAsync(id, ct);
        ledger = await CountFactAsync(
            id,
            ledger,
            Fact.Checkout,
            [
                LoanCount(books, month, loan.Isbn),
                LoanCount(books, LoanCountDocument.AllTime, loan.Isbn),
                LoanCount(readers, month, reader),
                LoanCount(readers, LoanCountDocument.AllTime, reader),
                new Counter<LoanStatsMonthDocument>(months, month, [(nameof(LoanStatsMonthDocument.Loans), 1)], Labels: null),
            ],
            ct);

        if (loan is { Status: LoanStatuses.Returned, ReturnedAt: { } returnedAt })
        {
            var minutes = (long)Math.Round((returnedAt - loan.CheckedOutAt).TotalMinutes);
            await CountFactAsync(
                id,
                ledger,
                Fact.Return,
                [
                    new Counter<LoanStatsMonthDocument>(
                        months,
                        month,
                        [(nameof(LoanStatsMonthDocument.ReturnedLoans), 1), (nameof(LoanStatsMonthDocument.TotalLoanMinutes), minutes)],
                        Labels: null),
                ],
                ct);
        }
    }

    /// <summary>A book's or reader's count of a month (or all time); the add also sets its month and key, so a document it creates is complete.</summary>
    private static Counter<TDocument> LoanCount<TDocument>(IReadStore<TDocument> store, string month, string key)
        where TDocument : LoanCountDocument =>
        new(
            store,
            LoanCountDocument.IdOf(month, key),
            [(nameof(LoanCountDocument.Loans), 1)],
            ReadUpdate.Set(nameof(LoanCountDocument.Month), month).AndSet(nameof(LoanCountDocument.Key), key));

    /// <summary>The winner of a fact: its token, <c>""</c> for a fact counted by the protocol before (a flag without a token), null while unclaimed.</summary>
    private static string? WinnerOf(LoanStatsLedgerDocument? ledger, Fact fact) => ledger switch
    {
        null => null,
        _ when fact == Fact.Checkout => ledger.CheckoutWinner ?? (ledger.CheckoutCounted ? "" : null),
        _ => ledger.ReturnWinner ?? (ledger.ReturnCounted ? "" : null),
    };

    /// <summary>The entries of <paramref name="factId"/> a document holds, with their tokens (<c>""</c> for an entry of the protocol before, which has none).</summary>
    private static IEnumerable<(string Entry, string Token)> EntriesOf(StatsCounterDocument? document, string factId) =>
        document is null
            ? []
            : document.PendingFacts
                .Where(e => e == factId || e.StartsWith(factId + "@", StringComparison.Ordinal))
                .Select(e => (e, e.Length == factId.Length ? "" : e[(factId.Length + 1)..]));

    /// <summary>Counts one fact; returns the ledger as last read or written, for the loan's next fact.</summary>
    private async Task<LoanStatsLedgerDocument?> CountFactAsync(
        string loanId, LoanStatsLedgerDocument? ledger, Fact fact, IReadOnlyList<ICounter> counters, CancellationToken ct)
    {
        var factId = $"{loanId}:{fact}";
        StatsCounterDocument?[] views;
        string winner;
        if (WinnerOf(ledger, fact) is { } claimed)
        {
            // Counted: only leftovers to settle, of attempts that crashed or are still under way.
            winner = claimed;
            views = await Task.WhenAll(counters.Select(c => c.GetAsync(ct)));
        }
        else
        {
            var token = Guid.NewGuid().ToString("N");
            views = await Task.WhenAll(counters.Select(c => AddAsync(c, factId + "@" + token, ct)));
            (ledger, winner) = await ClaimAsync(loanId, ledger, fact, token, ct);
        }

        await Task.WhenAll(counters.Zip(views).SelectMany(counter => EntriesOf(counter.Second, factId)
            .Select(entry => counter.First.SettleAsync(entry.Entry, compensate: entry.Token != winner, ct))));
        return ledger;
    }

    /// <summary>
    /// Step 2 for one document, and the document as it is after the add. A transient failure may have
    /// applied the add or not; sent once more, its condition lets it apply only if it had not.
    /// </summary>
    private static async Task<StatsCounterDocument?> AddAsync(ICounter counter, string entry, CancellationToken ct)
    {
        try
        {
            return await counter.AddAsync(entry, ct) ?? await counter.GetAsync(ct);
        }
        catch (ReadStoreUnavailableException)
        {
            return await counter.AddAsync(entry, ct) ?? await counter.GetAsync(ct);
        }
    }

    /// <summary>Step 3: records <paramref name="token"/> as the fact's winner unless one is recorded; returns the ledger and the winner.</summary>
    private async Task<(LoanStatsLedgerDocument Ledger, string Winner)> ClaimAsync(
        string loanId, LoanStatsLedgerDocument? ledger, Fact fact, string token, CancellationToken ct)
    {
        while (true)
        {
            if (WinnerOf(ledger, fact) is { } winner)
            {
                return (ledger!, winner);
            }

            var claim = ledger ?? new LoanStatsLedgerDocument { Id = loanId };
            if (fact == Fact.Checkout)
            {
                // The flag too, as the protocol before reads it.
                claim.CheckoutCounted = true;
                claim.CheckoutWinner = token;
            }
            else
            {
                claim.ReturnCounted = true;
                claim.ReturnWinner = token;
            }

            claim.Version++;
            if (await ledgers.UpsertIfNewerAsync(claim, ct))
            {
                return (claim, token);
            }

            ledger = await ledgers.GetAsync(loanId, ct);
        }
    }

    /// <summary>
    /// A document of <paramref name="Store"/>: the fact's <paramref name="Increments"/> there (each field once),
    /// and <paramref name="Labels"/>, fields the add sets as well (the same values every time) so that a
    /// document it creates is whole.
    /// </summary>
    private sealed record Counter<TDocument>(IReadStore<TDocument> Store, string Id, IReadOnlyList<(string Field, long By)> Increments, ReadUpdate? Labels)
        : ICounter
        where TDocument : StatsCounterDocument
    {
        public async Task<StatsCounterDocument?> AddAsync(string entry, CancellationToken ct)
        {
            var add = Increment(1).AndAddToSet(Pending, entry);
            return await Store.UpdateAndGetAsync(
                Id, Labels is null ? add : ReadUpdate.Combine(add, Labels), ReadFilter.ArrayLacks(Pending, entry), upsert: true, ct);
        }

        public async Task<StatsCounterDocument?> GetAsync(CancellationToken ct) => await Store.GetAsync(Id, ct);

        public Task SettleAsync(string entry, bool compensate, CancellationToken ct) => Store.UpdateAsync(
            Id,
            compensate ? Increment(-1).AndPull(Pending, entry) : ReadUpdate.Pull(Pending, entry),
            ReadFilter.ArrayHas(Pending, entry),
            cancellationToken: ct);

        private ReadUpdate Increment(long sign) => ReadUpdate.Combine([.. Increments.Select(i => ReadUpdate.Increment(i.Field, sign * i.By))]);
    }
}
