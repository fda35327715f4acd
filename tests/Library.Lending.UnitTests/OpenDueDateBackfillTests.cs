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
        Assert.NotNull(await _services.GetRequiredService<IReadStore<ReadModelUpgradeDocument>>().GetAsync(OpenDueDateBackfill.UpgradeId));

        // Recorded as done: a later start does not scan again.
        await Loans.UpsertIfNewerAsync(Loan("after-upgrade", LoanStatuses.Active, openDueDate: null));
        await RunBackfillAsync();
        Assert.Null((await Loans.GetAsync("after-upgrade"))!.OpenDueDate);
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
        var backfill = _services.GetServices<IHostedService>().OfType<OpenDueDateBackfill>().Single();
        await backfill.StartAsync(TestContext.Current.CancellationToken);
        await backfill.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }
}
