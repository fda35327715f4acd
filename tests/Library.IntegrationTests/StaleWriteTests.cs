using Library.BuildingBlocks.Contracts;
using Library.Lending.Command.Infrastructure;
using Library.Reader.Command.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Library.IntegrationTests;

/// <summary>
/// The second line of defence behind the row locks: every UPDATE of an aggregate is conditional on the
/// version it read, so a change computed from a stale read can never commit, even if a handler forgot
/// its lock. Proved on the real database for the case that broke (the loan's owned fine), and as a
/// rule over both command models so a new aggregate cannot opt out silently.
/// </summary>
public sealed class StaleWriteTests(LibraryAppFactory app) : IClassFixture<LibraryAppFactory>
{
    private readonly HttpClient _client = app.CreateLibrarianClient();

    [Fact]
    public async Task A_payment_computed_from_a_stale_read_of_the_fine_is_refused_by_the_database()
    {
        var readerId = await app.RegisterBorrower(_client);
        var (_, barcodes) = await _client.AddBookWithCopies(1);
        var loanId = (string)(await _client.Checkout(readerId, barcodes[0], app.Clock.GetUtcNow().AddDays(-30)))["loanId"]!;
        var fineId = (string)(await _client.Return(loanId))["fine"]!["fineId"]!;

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LendingDbContext>();
        var stale = await db.Loans.SingleAsync(l => l.Id == Guid.Parse(loanId), TestContext.Current.CancellationToken);

        // Another desk pays in the meantime and commits.
        await (await _client.PostJson($"/api/fines/{fineId}/payments", new { amountCents = 100 })).ShouldBe(System.Net.HttpStatusCode.OK);

        Assert.True(stale.Pay(100, Actor.System("stale-write-test"), app.Clock.GetUtcNow()).IsSuccess);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
        var row = (await app.LoanRowsAsync([loanId])).Single();
        Assert.Equal(100, row.Paid);
    }

    [Fact]
    public async Task A_suspension_computed_from_a_stale_read_of_the_reader_is_refused_by_the_database()
    {
        var readerId = (string)(await _client.Register())["readerId"]!;

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReaderDbContext>();
        var stale = await db.Readers.SingleAsync(r => r.Id == Guid.Parse(readerId), TestContext.Current.CancellationToken);

        await (await _client.SendJson(HttpMethod.Put, $"/api/readers/{readerId}/suspension", new { reason = "Desk one" })).ShouldBe(System.Net.HttpStatusCode.OK);

        Assert.True(stale.Suspend("Desk two", Actor.System("stale-write-test"), app.Clock.GetUtcNow()).IsSuccess);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Every_versioned_aggregate_of_both_command_models_updates_only_the_version_it_read()
    {
        using var scope = app.Services.CreateScope();
        IModel[] models =
        [
            scope.ServiceProvider.GetRequiredService<LendingDbContext>().Model,
            scope.ServiceProvider.GetRequiredService<ReaderDbContext>().Model,
        ];

        var versioned = models
            .SelectMany(m => m.GetEntityTypes())
            .Where(t => !t.IsOwned())
            .Select(t => (Type: t.ClrType.Name, Version: t.FindProperty("Version")))
            .Where(t => t.Version is not null)
            .ToList();
        Assert.Contains(versioned, t => t.Type == "Loan");
        Assert.Contains(versioned, t => t.Type == "Reader");
        Assert.All(versioned, t => Assert.True(t.Version!.IsConcurrencyToken, $"{t.Type}.Version is not a concurrency token."));
    }
}
