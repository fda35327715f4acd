using System.Diagnostics;
using System.Globalization;
using Library.BuildingBlocks.Contracts;
using Library.BuildingBlocks.Privacy;
using Library.BuildingBlocks.ReadStore;
using Library.Lending.Contracts;
using Library.Lending.Query;
using Library.Lending.Query.Projections;
using Library.Lending.Query.ReadModel;
using Library.Reader.Contracts;
using Library.Reader.Query;
using Library.Reader.Query.Projections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Library.Benchmarks;

/// <summary>
/// Builds scenario 3's large store: readers, books, copies and loans as integration events, applied by
/// the query modules' own projections (against <see cref="StagingReadStoreProvider"/>), then loaded
/// into the real adapter in bulk. Each loan is applied as its latest event; the projections take the
/// whole loan from every event, so that is the state a full replay ends in. The library it describes:
/// two years of lending, most loans returned, the last month's still open (some overdue), and one loan
/// in a hundred never returned.
/// </summary>
internal sealed class LargeStoreSeed(int readers, int loans, DateTimeOffset now)
{
    public const int CopiesPerBook = 10;
    private const int LoanPeriodDays = 15;
    private const long FinePerDayCents = 50;
    private const long MaxFinePerLoanCents = 5_000;

    public int Books => Math.Max(1, loans / 100);

    public static Guid ReaderId(int reader) => Id(1, reader);

    /// <summary>Shared by the seed and the lookups: services resolved exactly as a host resolves them.</summary>
    public static ServiceProvider QueryServices(IReadStoreProvider provider)
    {
        var services = new ServiceCollection();
        services.AddSingleton(provider);
        services.AddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddSingleton<IPersonalDataPurge, NoMessageStore>();
        var configuration = new ConfigurationBuilder().Build();
        services.AddReaderQueryModule(configuration);
        services.AddLendingQueryModule(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>The seed and the baseline have no message store (no outbox, no inbox), so there is nothing to purge.</summary>
    private sealed class NoMessageStore : IPersonalDataPurge
    {
        public Task<int> PurgeMessagesAboutAsync(Guid subjectId, CancellationToken cancellationToken) => Task.FromResult(0);
    }

    /// <summary>Runs every event through the projections, then writes the documents into <paramref name="target"/>.</summary>
    public async Task<string> SeedAsync(IReadStoreProvider target, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        var staging = new StagingReadStoreProvider();
        await using var services = QueryServices(staging);
        var readerProjection = services.GetRequiredService<ReaderProjection>();
        var readerLoans = services.GetRequiredService<ReaderLoansProjection>();
        var catalogue = services.GetRequiredService<CatalogueProjection>();
        var loanProjection = services.GetRequiredService<LoanProjection>();
        var statistics = services.GetRequiredService<LoanStatisticsProjection>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount * 2 };

        await Parallel.ForAsync(0, readers, parallel, async (r, ct) =>
        {
            var registered = Registered(r);
            await readerProjection.On(registered, ct);
            await catalogue.On(registered, ct);
        });
        await Parallel.ForAsync(0, Books, parallel, async (b, ct) =>
        {
            await catalogue.On(new BookAdded(Guid.NewGuid(), now.AddYears(-3), Desk, Isbns.For(b), 1, Book(b)), ct);
            for (var c = 0; c < CopiesPerBook; c++)
            {
                await catalogue.On(new CopyAdded(Guid.NewGuid(), now.AddYears(-3), Desk, Id(2, Copy(b, c)), 1, CopyOf(b, c, 1, CopyStatuses.Available)), ct);
            }
        });
        log.WriteLine($"  projected {readers} readers, {Books} books, {Books * CopiesPerBook} copies in {clock.Elapsed.TotalSeconds:0.0} s");

        var projected = 0;
        await Parallel.ForAsync(0, loans, parallel, async (l, ct) =>
        {
            var (created, returned) = Loan(l);
            // The statistics count the checkout from LoanCreated and the return from LoanReturned.
            await statistics.On(created, ct);
            if (returned is null)
            {
                await loanProjection.On(created, ct);
                await readerLoans.On(created, ct);
            }
            else
            {
                await loanProjection.On(returned, ct);
                await readerLoans.On(returned, ct);
                await statistics.On(returned, ct);
            }

            if (Interlocked.Increment(ref projected) % 200_000 == 0)
            {
                log.WriteLine($"  projected {projected} loans in {clock.Elapsed.TotalSeconds:0.0} s");
            }
        });

        // Documents made by today's projections already have every read-model upgrade applied.
        foreach (var upgrade in new[] { OpenDueDateBackfill.Id, OwingBackfill.Id })
        {
            await services.GetRequiredService<IReadStore<ReadModelUpgradeDocument>>().UpsertIfNewerAsync(
                new ReadModelUpgradeDocument { Id = upgrade, Version = 1, AppliedAt = now.UtcDateTime });
        }

        var projectedIn = clock.Elapsed;

        var loaded = await staging.LoadIntoAsync(target, CancellationToken.None);
        var documents = loaded.Sum(c => c.Documents);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{readers:N0} readers and {loans:N0} loans ({Books:N0} books, {Books * CopiesPerBook:N0} copies) through the projections in {projectedIn.TotalSeconds:0} s, then {documents:N0} documents in {loaded.Count} collections bulk-loaded in {(clock.Elapsed - projectedIn).TotalSeconds:0} s");
    }

    /// <summary>The reader of loan <paramref name="loan"/>: every reader borrows, some much more than others.</summary>
    public int ReaderOf(int loan) => (int)((loan * 2_654_435_761L) % readers);

    private static Guid Id(int kind, int n)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, n);
        bytes[8] = (byte)kind;
        bytes[15] = 0x5b; // "b"enchmark
        return new Guid(bytes);
    }

    /// <summary>The librarian every seeded change is attributed to.</summary>
    private static readonly Actor Desk = new("seed-librarian", "librarian");

    private static int Copy(int book, int copy) => (book * CopiesPerBook) + copy;

    private ReaderRegistered Registered(int r)
    {
        var registeredAt = now.AddYears(-3).AddMinutes(r);
        var snapshot = new ReaderSnapshot(
            string.Create(CultureInfo.InvariantCulture, $"{registeredAt.Year}/{r + 1}"),
            string.Create(CultureInfo.InvariantCulture, $"Reader {r}"),
            string.Create(CultureInfo.InvariantCulture, $"reader-{r}@example.org"),
            null,
            new DateOnly(1950 + (r % 55), 1 + (r % 12), 1 + (r % 28)),
            true,
            r % 3 == 0,
            false,
            ["fiction"],
            ReaderStatuses.Active,
            null,
            registeredAt,
            null,
            null);
        return new ReaderRegistered(Guid.NewGuid(), registeredAt, Desk, ReaderId(r), 1, snapshot);
    }

    private static BookSnapshot Book(int b) =>
        new(Isbns.For(b), string.Create(CultureInfo.InvariantCulture, $"Book {b}"), [string.Create(CultureInfo.InvariantCulture, $"Author {b % 997}")], "fiction", DateTimeOffset.UnixEpoch);

    private static CopySnapshot CopyOf(int book, int copy, long version, string status) =>
        new(Id(2, Copy(book, copy)), version, Isbns.For(book), string.Create(CultureInfo.InvariantCulture, $"B-{book}-{copy}"), status);

    /// <summary>Loan <paramref name="l"/>'s checkout event, and its return event when it was returned.</summary>
    private (LoanCreated Created, LoanReturned? Returned) Loan(int l)
    {
        // Checkouts spread evenly over the last two years, the newest last.
        var checkedOutAt = now.AddDays(-730 + (730.0 * l / loans));
        var dueDate = checkedOutAt.AddDays(LoanPeriodDays);
        var reader = ReaderOf(l);
        var book = (int)((l * 40_503L) % Books);
        var copy = l % CopiesPerBook;
        var neverReturned = l % 100 == 0;
        var open = neverReturned || checkedOutAt > now.AddDays(-30);
        var loanNumber = string.Create(CultureInfo.InvariantCulture, $"{checkedOutAt.Year}/{l + 1}");

        LoanSnapshot Snapshot(string status, DateTimeOffset? returnedAt, FineSnapshot? fine) => new(
            loanNumber,
            ReaderId(reader),
            string.Create(CultureInfo.InvariantCulture, $"{now.AddYears(-3).AddMinutes(reader).Year}/{reader + 1}"),
            string.Create(CultureInfo.InvariantCulture, $"Reader {reader}"),
            1,
            Isbns.For(book),
            string.Create(CultureInfo.InvariantCulture, $"Book {book}"),
            Id(2, Copy(book, copy)),
            string.Create(CultureInfo.InvariantCulture, $"B-{book}-{copy}"),
            checkedOutAt,
            dueDate,
            0,
            returnedAt,
            null,
            null,
            status,
            fine,
            FinePerDayCents,
            MaxFinePerLoanCents,
            "EUR",
            Desk,
            returnedAt is null ? null : Desk,
            null);

        var loanId = Id(3, l);
        var created = new LoanCreated(Guid.NewGuid(), checkedOutAt, Desk, loanId, 1, Snapshot(LoanStatuses.Active, null, null), CopyOf(book, copy, 2, CopyStatuses.OnLoan));
        if (open)
        {
            return (created, null);
        }

        // Most come back within the loan period; one in eight is late and assessed a fine.
        var returnedAt = checkedOutAt.AddDays(l % 8 == 0 ? LoanPeriodDays + 1 + (l % 20) : 1 + (l % LoanPeriodDays));
        var lateFee = OverdueRules.LateFeeCents(dueDate, returnedAt, FinePerDayCents, MaxFinePerLoanCents, ClosedDays.None);
        var paid = l % 32 == 0 ? 0 : lateFee; // a few fines are still owed
        var fine = lateFee > 0 ? new FineSnapshot(Id(4, l), lateFee, 0, lateFee, paid, 0, lateFee - paid, "EUR", returnedAt, null, paid > 0 ? [new FinePaymentSnapshot(paid, returnedAt, Desk)] : [], null, null) : null;
        var returned = new LoanReturned(
            Guid.NewGuid(),
            returnedAt,
            Desk,
            loanId,
            2,
            OverdueRules.DaysOverdue(dueDate, returnedAt, ClosedDays.None),
            Snapshot(LoanStatuses.Returned, returnedAt, fine),
            CopyOf(book, copy, 3, CopyStatuses.Available));
        return (created, returned);
    }
}
