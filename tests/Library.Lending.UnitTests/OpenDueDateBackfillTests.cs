using Library.BuildingBlocks.ReadStore;
using Library.BuildingBlocks.ReadStore.Sqlite;
using Library.Lending.Contracts;
using Library.Lending.Query;
using Library.Lending.Query.Loans;
using Library.Lending.Query.ReadModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Library.Lending.UnitTests;

/// <summary>Against the real embedded store: loans written before the open due date existed join the lists once.</summary>
public sealed class OpenDueDateBackfillTests : IAsyncDisposable
{
    private static readonly DateTime Due = new(2026, 3, 25, 9, 30, 0, DateTimeKind.Utc);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "library-backfill", Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider _services;

    public OpenDueDateBackfillTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IReadStoreProvider>(new SqliteReadStoreProvider(_directory));
        services.AddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddLendingQueryModule(new ConfigurationBuilder().Build());
        _services = services.BuildServiceProvider();
    }

    private IReadStore<LoanDocument> Loans => _services.GetRequiredService<IReadStore<LoanDocument>>();

    [Fact]
    public async Task Active_loans_without_an_open_due_date_get_one_once()
    {
        await Loans.UpsertIfNewerAsync(Loan("old-active", LoanStatuses.Active, openDueDate: null));
        await Loans.UpsertIfNewerAsync(Loan("old-returned", LoanStatuses.Returned, openDueDate: null));
        await Loans.UpsertIfNewerAsync(Loan("new-active", LoanStatuses.Active, openDueDate: Due.AddDays(1)));

        await RunBackfillAsync();

        Assert.Equal(Due, (await Loans.GetAsync("old-active"))!.OpenDueDate);
        Assert.Null((await Loans.GetAsync("old-returned"))!.OpenDueDate);
        Assert.Equal(Due.AddDays(1), (await Loans.GetAsync("new-active"))!.OpenDueDate);
        Assert.Equal(2, await Loans.CountAsync(LoanFilters.Overdue(Due.AddDays(30))));
        Assert.NotNull(await _services.GetRequiredService<IReadStore<ReadModelUpgradeDocument>>().GetAsync(OpenDueDateBackfill.Id));

        // Recorded as done: a later start does not scan again.
        await Loans.UpsertIfNewerAsync(Loan("after-upgrade", LoanStatuses.Active, openDueDate: null));
        await RunBackfillAsync();
        Assert.Null((await Loans.GetAsync("after-upgrade"))!.OpenDueDate);
    }

    [Fact]
    public async Task Loans_without_a_fine_balance_get_it_and_the_owing_ones_their_date_once()
    {
        var assessed = Due.AddDays(3);
        var owing = Loan("owing", LoanStatuses.Returned, openDueDate: null);
        owing.Fine = new LoanFine { FineId = "f1", AssessedCents = 250, BalanceCents = 250, AssessedAt = assessed };
        var settled = Loan("settled", LoanStatuses.Returned, openDueDate: null);
        settled.Fine = new LoanFine { FineId = "f2", AssessedCents = 250, PaidCents = 250, BalanceCents = 0, AssessedAt = assessed };
        await Loans.UpsertIfNewerAsync(owing);
        await Loans.UpsertIfNewerAsync(settled);
        await Loans.UpsertIfNewerAsync(Loan("no-fine", LoanStatuses.Returned, openDueDate: null));

        await RunBackfillAsync();

        Assert.Equal((250L, assessed), ((await Loans.GetAsync("owing"))!.FineBalanceCents, (await Loans.GetAsync("owing"))!.OwingSince));
        Assert.Equal((0L, (DateTime?)null), ((await Loans.GetAsync("settled"))!.FineBalanceCents, (await Loans.GetAsync("settled"))!.OwingSince));
        Assert.Equal(0L, (await Loans.GetAsync("no-fine"))!.FineBalanceCents);
        Assert.Equal(1, await Loans.CountAsync(ReadFilter.Gte(nameof(LoanDocument.OwingSince), DateTime.MinValue)));
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static LoanDocument Loan(string id, string status, DateTime? openDueDate) => new()
    {
        Id = id,
        Version = 1,
        LoanNumber = "L-" + id,
        ReaderId = "reader",
        Status = status,
        CheckedOutAt = Due.AddDays(-15),
        DueDate = Due,
        OpenDueDate = openDueDate,
    };

    private async Task RunBackfillAsync()
    {
        var backfill = _services.GetServices<IHostedService>().OfType<LoanUpgrades>().Single();
        await backfill.StartAsync(TestContext.Current.CancellationToken);
        await backfill.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }
}
