using Library.BuildingBlocks.Contracts;
using Library.BuildingBlocks.ReadStore;
using Library.BuildingBlocks.ReadStore.Sqlite;
using Library.Lending.Contracts;
using Library.Lending.Query.Projections;
using Library.Lending.Query.ReadModel;

namespace Library.IntegrationTests;

/// <summary>
/// ADR 0025: an attempt at counting a fact that dies at any of its store operations, then a redelivery
/// alone or racing a duplicate, still counts the fact exactly once and leaves no pending entry. The
/// crash is injected deterministically at the k-th operation of the attempt, for every k: before the
/// operation (it never reaches the store) or after it (applied, then the attempt dies); every later
/// operation of the dead attempt fails too. A transient failure after the k-th operation (applied, then
/// unavailable once, the attempt goes on) exercises the add's re-send. Needs no server.
/// </summary>
public sealed class LoanStatisticsCrashTests
{
    public enum Failure
    {
        CrashBefore,
        CrashAfter,
        TransientAfter,
    }

    public static TheoryData<bool, Failure, bool> Cases()
    {
        var cases = new TheoryData<bool, Failure, bool>();
        foreach (var returned in new[] { false, true })
        {
            foreach (var failure in Enum.GetValues<Failure>())
            {
                foreach (var racing in new[] { false, true })
                {
                    cases.Add(returned, failure, racing);
                }
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_fact_is_counted_once_whichever_operation_the_first_attempt_dies_at(bool returned, Failure failure, bool racing)
    {
        var directory = Path.Combine(Path.GetTempPath(), "library-stats-crash", Guid.NewGuid().ToString("N"));
        using var provider = new SqliteReadStoreProvider(directory);
        var faults = new Faults();
        var statistics = new LoanStatistics(
            new FaultingStore<LoanStatsMonthDocument>(provider.Open<LoanStatsMonthDocument>("lending_query", "loan_stats_months", []), faults),
            new FaultingStore<BookLoanCountDocument>(provider.Open<BookLoanCountDocument>("lending_query", "loan_stats_books", []), faults),
            new FaultingStore<ReaderLoanCountDocument>(provider.Open<ReaderLoanCountDocument>("lending_query", "loan_stats_readers", []), faults),
            new FaultingStore<LoanStatsLedgerDocument>(provider.Open<LoanStatsLedgerDocument>("lending_query", "loan_stats_ledger", []), faults));
        var plain = new Stores(provider);

        // The operations of one whole attempt, counted on a loan of its own.
        var probe = new Loan(0);
        if (returned)
        {
            await statistics.CountAsync(probe.Id, probe.Created, CancellationToken.None);
        }

        faults.Arm(int.MaxValue, failure);
        await statistics.CountAsync(probe.Id, returned ? probe.Returned : probe.Created, CancellationToken.None);
        var operations = faults.Seen;
        Assert.Equal(returned ? 9 : 12, operations);

        for (var k = 1; k <= operations; k++)
        {
            // Each crash point a loan, month, book and reader of its own, so every count must be exactly 1.
            var loan = new Loan(k);
            var snapshot = returned ? loan.Returned : loan.Created;
            if (returned)
            {
                faults.Disarm();
                await statistics.CountAsync(loan.Id, loan.Created, CancellationToken.None);
            }

            faults.Arm(k, failure);
            try
            {
                await statistics.CountAsync(loan.Id, snapshot, CancellationToken.None);
            }
            catch (SimulatedCrashException)
            {
            }
            catch (ReadStoreUnavailableException)
            {
            }

            faults.Disarm();
            if (racing)
            {
                await Task.WhenAll(
                    Task.Run(() => statistics.CountAsync(loan.Id, snapshot, CancellationToken.None)),
                    Task.Run(() => statistics.CountAsync(loan.Id, snapshot, CancellationToken.None)));
            }
            else
            {
                await statistics.CountAsync(loan.Id, snapshot, CancellationToken.None);
            }

            await plain.AssertCountedOnceAsync(loan, returned, $"{failure} at operation {k} of {operations}, {(racing ? "a retry racing a duplicate" : "a retry")}");
        }
    }

    /// <summary>Leftovers of ADR 0014's protocol (entries without a token, a flag without a winner) are settled by the new one.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Leftovers_of_the_compare_and_set_protocol_are_settled(bool ledgerMarked)
    {
        var directory = Path.Combine(Path.GetTempPath(), "library-stats-crash", Guid.NewGuid().ToString("N"));
        using var provider = new SqliteReadStoreProvider(directory);
        var plain = new Stores(provider);
        var statistics = new LoanStatistics(plain.Months, plain.Books, plain.Readers, plain.Ledgers);
        var loan = new Loan(1);
        var factId = $"{loan.Id}:Checkout";

        // An old attempt died with the increment and its token-less entry in two of the documents
        // (in all five once the ledger is marked, as that protocol marked it only then).
        var month = LoanStatistics.MonthOf(loan.Created.CheckedOutAt);
        await plain.Books.UpsertIfNewerAsync(new BookLoanCountDocument { Id = LoanCountDocument.IdOf(month, loan.Created.Isbn), Month = month, Key = loan.Created.Isbn, Loans = 1, Version = 1, PendingFacts = [factId] });
        await plain.Months.UpsertIfNewerAsync(new LoanStatsMonthDocument { Id = month, Loans = 1, Version = 1, PendingFacts = [factId] });
        if (ledgerMarked)
        {
            var reader = loan.Created.ReaderId.ToString();
            await plain.Books.UpsertIfNewerAsync(new BookLoanCountDocument { Id = LoanCountDocument.IdOf(LoanCountDocument.AllTime, loan.Created.Isbn), Month = LoanCountDocument.AllTime, Key = loan.Created.Isbn, Loans = 1, Version = 1, PendingFacts = [factId] });
            await plain.Readers.UpsertIfNewerAsync(new ReaderLoanCountDocument { Id = LoanCountDocument.IdOf(month, reader), Month = month, Key = reader, Loans = 1, Version = 1, PendingFacts = [factId] });
            await plain.Readers.UpsertIfNewerAsync(new ReaderLoanCountDocument { Id = LoanCountDocument.IdOf(LoanCountDocument.AllTime, reader), Month = LoanCountDocument.AllTime, Key = reader, Loans = 1, Version = 1, PendingFacts = [factId] });
            await plain.Ledgers.UpsertIfNewerAsync(new LoanStatsLedgerDocument { Id = loan.Id.ToString(), Version = 1, CheckoutCounted = true });
        }

        await statistics.CountAsync(loan.Id, loan.Created, CancellationToken.None);

        await plain.AssertCountedOnceAsync(loan, returned: false, ledgerMarked ? "old protocol died after its ledger mark" : "old protocol died while adding");
    }

    private sealed class SimulatedCrashException() : Exception("Simulated crash of the attempt.");

    /// <summary>Which operation fails, and how; shared by the stores of one statistics instance.</summary>
    private sealed class Faults
    {
        private int _seen;
        private int _at = int.MaxValue;
        private Failure _failure;
        private volatile bool _dead;

        public int Seen => _seen;

        public void Arm(int at, Failure failure)
        {
            _seen = 0;
            _at = at;
            _failure = failure;
            _dead = false;
        }

        public void Disarm() => Arm(int.MaxValue, Failure.CrashBefore);

        public async Task<T> RunAsync<T>(Func<Task<T>> operation)
        {
            if (_dead)
            {
                throw new SimulatedCrashException();
            }

            var number = Interlocked.Increment(ref _seen);
            if (number != _at)
            {
                return await operation();
            }

            switch (_failure)
            {
                case Failure.CrashBefore:
                    _dead = true;
                    throw new SimulatedCrashException();
                case Failure.CrashAfter:
                    await operation();
                    _dead = true;
                    throw new SimulatedCrashException();
                default:
                    await operation();
                    throw new ReadStoreUnavailableException("Simulated: applied, but the answer was lost.");
            }
        }
    }

    private sealed class FaultingStore<TDocument>(IReadStore<TDocument> inner, Faults faults) : IReadStore<TDocument>
        where TDocument : class, IReadDocument
    {
        public Task<bool> UpsertIfNewerAsync(TDocument document, CancellationToken cancellationToken = default) =>
            faults.RunAsync(() => inner.UpsertIfNewerAsync(document, cancellationToken));

        public Task<bool> ReplaceIfAsync(TDocument document, ReadFilter condition, CancellationToken cancellationToken = default) =>
            faults.RunAsync(() => inner.ReplaceIfAsync(document, condition, cancellationToken));

        public Task<bool> UpdateAsync(string id, ReadUpdate update, ReadFilter? condition = null, bool upsert = false, CancellationToken cancellationToken = default) =>
            faults.RunAsync(() => inner.UpdateAsync(id, update, condition, upsert, cancellationToken));

        public Task<TDocument?> UpdateAndGetAsync(string id, ReadUpdate update, ReadFilter? condition = null, bool upsert = false, CancellationToken cancellationToken = default) =>
            faults.RunAsync(() => inner.UpdateAndGetAsync(id, update, condition, upsert, cancellationToken));

        public Task InsertManyAsync(IEnumerable<TDocument> documents, CancellationToken cancellationToken = default) =>
            faults.RunAsync(async () =>
            {
                await inner.InsertManyAsync(documents, cancellationToken);
                return true;
            });

        public Task<TDocument?> GetAsync(string id, CancellationToken cancellationToken = default) =>
            faults.RunAsync(() => inner.GetAsync(id, cancellationToken));

        public Task<IReadOnlyList<TDocument>> FindAsync(ReadQuery query, CancellationToken cancellationToken = default) =>
            faults.RunAsync(() => inner.FindAsync(query, cancellationToken));

        public Task<long> CountAsync(ReadFilter filter, CancellationToken cancellationToken = default) =>
            faults.RunAsync(() => inner.CountAsync(filter, cancellationToken));

        public Task<IReadOnlyList<ReadSum>> TopSumsAsync(ReadFilter filter, string groupField, string sumField, int take, CancellationToken cancellationToken = default) =>
            faults.RunAsync(() => inner.TopSumsAsync(filter, groupField, sumField, take, cancellationToken));
    }

    /// <summary>A loan of its own month (one per crash point), book and reader, checked out and returned.</summary>
    private sealed class Loan
    {
        public Loan(int n)
        {
            var checkedOut = new DateTimeOffset(2000, 1, 5, 10, 0, 0, TimeSpan.Zero).AddMonths(n);
            Created = new LoanSnapshot(
                "L-2026-000001", Guid.NewGuid(), "R-2026-000001", "Ada Lovelace", 1, "978" + Guid.NewGuid().ToString("N")[..10], "Popular",
                Guid.NewGuid(), "B-1", checkedOut, checkedOut.AddDays(14), 0, null, null, null, LoanStatuses.Active, null, 50, 1_000, "EUR",
                new Actor("librarian", "librarian"), null, null);
            Returned = Created with { Status = LoanStatuses.Returned, ReturnedAt = checkedOut.AddDays(3).AddMinutes(7) };
        }

        public Guid Id { get; } = Guid.NewGuid();

        public LoanSnapshot Created { get; }

        public LoanSnapshot Returned { get; }
    }

    private sealed class Stores(SqliteReadStoreProvider provider)
    {
        public IReadStore<LoanStatsMonthDocument> Months { get; } = provider.Open<LoanStatsMonthDocument>("lending_query", "loan_stats_months", []);

        public IReadStore<BookLoanCountDocument> Books { get; } = provider.Open<BookLoanCountDocument>("lending_query", "loan_stats_books", []);

        public IReadStore<ReaderLoanCountDocument> Readers { get; } = provider.Open<ReaderLoanCountDocument>("lending_query", "loan_stats_readers", []);

        public IReadStore<LoanStatsLedgerDocument> Ledgers { get; } = provider.Open<LoanStatsLedgerDocument>("lending_query", "loan_stats_ledger", []);

        public async Task AssertCountedOnceAsync(Loan loan, bool returned, string when)
        {
            var month = LoanStatistics.MonthOf(loan.Created.CheckedOutAt);
            var reader = loan.Created.ReaderId.ToString();
            var counts = new List<LoanCountDocument?>
            {
                await Books.GetAsync(LoanCountDocument.IdOf(month, loan.Created.Isbn)),
                await Books.GetAsync(LoanCountDocument.IdOf(LoanCountDocument.AllTime, loan.Created.Isbn)),
                await Readers.GetAsync(LoanCountDocument.IdOf(month, reader)),
                await Readers.GetAsync(LoanCountDocument.IdOf(LoanCountDocument.AllTime, reader)),
            };
            var total = await Months.GetAsync(month);
            Assert.True(counts.All(c => c is { Loans: 1, PendingFacts.Count: 0 }), $"{when}: the loan counts are {string.Join(", ", counts.Select(c => $"{c?.Loans} [{string.Join(' ', c?.PendingFacts ?? [])}]"))}");
            Assert.True(counts.All(c => c!.Key.Length > 0 && c.Month.Length > 0), when);
            var minutes = returned ? (long)Math.Round((loan.Returned.ReturnedAt!.Value - loan.Created.CheckedOutAt).TotalMinutes) : 0;
            Assert.True(
                total is { Loans: 1, PendingFacts.Count: 0 } && total.ReturnedLoans == (returned ? 1 : 0) && total.TotalLoanMinutes == minutes,
                $"{when}: the month has {total?.Loans} loans, {total?.ReturnedLoans} returned, {total?.TotalLoanMinutes} minutes, pending [{string.Join(' ', total?.PendingFacts ?? [])}]");
        }
    }
}
