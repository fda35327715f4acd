using System.Collections.Concurrent;
using Library.BuildingBlocks.ReadStore;
using Library.BuildingBlocks.ReadStore.Sqlite;
using Library.Lending.Contracts;
using Library.Lending.Query.Projections;
using Library.Lending.Query.ReadModel;

namespace Library.IntegrationTests;

/// <summary>
/// What counting one loan costs in store operations (ADR 0025's protocol, ADR 0023): one delivery of each
/// event, no races, so the number is exact. A cheaper protocol lowers these numbers; it must not raise them.
/// Needs no server.
/// </summary>
public sealed class LoanStatisticsCostTests
{
    [Fact]
    public async Task Counting_a_loan_costs_a_fixed_number_of_store_operations()
    {
        var directory = Path.Combine(Path.GetTempPath(), "library-stats-cost", Guid.NewGuid().ToString("N"));
        using var provider = new SqliteReadStoreProvider(directory);
        var operations = new ConcurrentQueue<string>();
        IReadStore<T> Counted<T>(string collection)
            where T : class, IReadDocument => new CountingStore<T>(provider.Open<T>("lending_query", collection, []), operations);

        var statistics = new LoanStatistics(
            Counted<LoanStatsMonthDocument>("loan_stats_months"),
            Counted<BookLoanCountDocument>("loan_stats_books"),
            Counted<ReaderLoanCountDocument>("loan_stats_readers"),
            Counted<LoanStatsLedgerDocument>("loan_stats_ledger"));
        var loanId = Guid.NewGuid();
        var checkedOut = new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);
        var created = Snapshot(checkedOut, LoanStatuses.Active, returnedAt: null);

        await statistics.CountAsync(loanId, created, CancellationToken.None);
        var checkout = Drain(operations);
        await statistics.CountAsync(loanId, created with { Status = LoanStatuses.Returned, ReturnedAt = checkedOut.AddDays(3) }, CancellationToken.None);
        var returned = Drain(operations);

        // loan.created (ADR 0025): a ledger read; per counter document (5) one update that adds the
        // increment with the attempt's pending entry and answers the document; the ledger's claim (a write,
        // the read above serving as its compare-and-set copy); per document the update that pulls the entry.
        // ADR 0014's compare-and-set protocol took 28, of them 11 writes.
        Assert.Equal((12, 11), (checkout.Count, checkout.Count(o => o != "get")));
        Assert.Equal(["get", .. Enumerable.Repeat("update_get", 5), "upsert_if_newer", .. Enumerable.Repeat("update", 5)], checkout);

        // loan.returned: a ledger read for both facts; the checkout found claimed, so its 5 documents are
        // read for leftovers of crashed attempts (none here); then the return into the month: its add, the
        // claim and the pull. The protocol before took 14, of them 3 writes.
        Assert.Equal((9, 3), (returned.Count, returned.Count(o => o != "get")));
        Assert.Equal(["get", .. Enumerable.Repeat("get", 5), "update_get", "upsert_if_newer", "update"], returned);
    }

    private static List<string> Drain(ConcurrentQueue<string> operations)
    {
        var drained = new List<string>();
        while (operations.TryDequeue(out var operation))
        {
            drained.Add(operation);
        }

        return drained;
    }

    private static LoanSnapshot Snapshot(DateTimeOffset checkedOutAt, string status, DateTimeOffset? returnedAt) => new(
        "L-2026-000001",
        Guid.NewGuid(),
        "R-2026-000001",
        "Ada Lovelace",
        1,
        "9780000000001",
        "Popular",
        Guid.NewGuid(),
        "B-1",
        checkedOutAt,
        checkedOutAt.AddDays(14),
        0,
        returnedAt,
        null,
        null,
        status,
        null,
        50,
        1_000,
        "EUR",
        new Library.BuildingBlocks.Contracts.Actor("librarian", "librarian"),
        null,
        null);

    /// <summary>Names each operation of the store it wraps, in call order.</summary>
    private sealed class CountingStore<TDocument>(IReadStore<TDocument> inner, ConcurrentQueue<string> operations) : IReadStore<TDocument>
        where TDocument : class, IReadDocument
    {
        public Task<bool> UpsertIfNewerAsync(TDocument document, CancellationToken cancellationToken = default) =>
            Count("upsert_if_newer", inner.UpsertIfNewerAsync(document, cancellationToken));

        public Task<bool> ReplaceIfAsync(TDocument document, ReadFilter condition, CancellationToken cancellationToken = default) =>
            Count("replace_if", inner.ReplaceIfAsync(document, condition, cancellationToken));

        public Task<bool> UpdateAsync(string id, ReadUpdate update, ReadFilter? condition = null, bool upsert = false, CancellationToken cancellationToken = default) =>
            Count("update", inner.UpdateAsync(id, update, condition, upsert, cancellationToken));

        public Task<TDocument?> UpdateAndGetAsync(string id, ReadUpdate update, ReadFilter? condition = null, bool upsert = false, CancellationToken cancellationToken = default) =>
            Count("update_get", inner.UpdateAndGetAsync(id, update, condition, upsert, cancellationToken));

        public Task InsertManyAsync(IEnumerable<TDocument> documents, CancellationToken cancellationToken = default) =>
            Count("insert_many", inner.InsertManyAsync(documents, cancellationToken));

        public Task<TDocument?> GetAsync(string id, CancellationToken cancellationToken = default) =>
            Count("get", inner.GetAsync(id, cancellationToken));

        public Task<IReadOnlyList<TDocument>> FindAsync(ReadQuery query, CancellationToken cancellationToken = default) =>
            Count("find", inner.FindAsync(query, cancellationToken));

        public Task<long> CountAsync(ReadFilter filter, CancellationToken cancellationToken = default) =>
            Count("count", inner.CountAsync(filter, cancellationToken));

        public Task<IReadOnlyList<ReadSum>> TopSumsAsync(ReadFilter filter, string groupField, string sumField, int take, CancellationToken cancellationToken = default) =>
            Count("top_sums", inner.TopSumsAsync(filter, groupField, sumField, take, cancellationToken));

        private T Count<T>(string operation, T task)
        {
            operations.Enqueue(operation);
            return task;
        }
    }
}
