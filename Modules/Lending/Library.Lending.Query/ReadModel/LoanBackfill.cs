using Library.BuildingBlocks.ReadStore;
using Library.Lending.Query.Loans;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Library.Lending.Query.ReadModel;

/// <summary>
/// Gives the loans projected before a field existed that field, once per store: without it they would be missing
/// from the list the field serves, and no event would bring them back until the loan next changed. Each loan is
/// replaced only if nothing rewrote it since it was read (a projection's newer version wins); the loop runs until
/// no loan is <see cref="Lacking"/>, so <see cref="Fill"/> must make a loan stop lacking. Then the upgrade is
/// recorded, so later starts cost one lookup. The backfills run one after the other (<see cref="LoanUpgrades"/>):
/// two replacing the same document at once would each write back the other's field as it was.
/// </summary>
internal abstract partial class LoanBackfill(
    IReadStore<LoanDocument> loans,
    IReadStore<ReadModelUpgradeDocument> upgrades,
    ILogger logger)
{
    private const int Batch = 500;

    protected abstract string UpgradeId { get; }

    protected abstract ReadFilter Lacking { get; }

    protected abstract void Fill(LoanDocument loan);

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (await upgrades.GetAsync(UpgradeId, stoppingToken) is not null)
            {
                return;
            }

            var filled = 0;
            while (await loans.FindAsync(new ReadQuery(Lacking, Take: Batch), stoppingToken) is { Count: > 0 } batch)
            {
                foreach (var loan in batch)
                {
                    var unchanged = ReadFilter.And(LoanFilters.UnchangedSince(loan), Lacking);
                    Fill(loan);
                    if (await loans.ReplaceIfAsync(loan, unchanged, stoppingToken))
                    {
                        filled++;
                    }
                }
            }

            await upgrades.UpsertIfNewerAsync(new ReadModelUpgradeDocument { Id = UpgradeId, Version = 1, AppliedAt = DateTime.UtcNow }, stoppingToken);
            if (filled > 0)
            {
                Filled(logger, filled, UpgradeId);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; the next start picks up where this one stopped.
        }
#pragma warning disable CA1031 // An unreachable store must not stop the host; readiness reports it, and the next start retries.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Failed(logger, ex, UpgradeId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Upgraded {Count} loan documents ({Upgrade})")]
    private static partial void Filled(ILogger logger, int count, string upgrade);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not upgrade the loan documents ({Upgrade}); the next start retries")]
    private static partial void Failed(ILogger logger, Exception exception, string upgrade);
}

/// <summary>Runs the loan documents' backfills at start-up, in the order they are registered, each once per store.</summary>
internal sealed class LoanUpgrades(IEnumerable<LoanBackfill> backfills) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var backfill in backfills)
        {
            await backfill.RunAsync(stoppingToken);
        }
    }
}

/// <summary>The fine's balance and, while it owes, since when: for the fines to settle (ADR 0031).</summary>
internal sealed class OwingBackfill(IReadStore<LoanDocument> loans, IReadStore<ReadModelUpgradeDocument> upgrades, ILogger<OwingBackfill> logger)
    : LoanBackfill(loans, upgrades, logger)
{
    public const string Id = "loans.owing";

    protected override string UpgradeId => Id;

    protected override ReadFilter Lacking => ReadFilter.Eq(nameof(LoanDocument.FineBalanceCents), null);

    protected override void Fill(LoanDocument loan)
    {
        loan.FineBalanceCents = loan.Fine?.BalanceCents ?? 0;
        loan.OwingSince = loan.Fine is { BalanceCents: > 0 } owing ? owing.AssessedAt : null;
    }
}

/// <summary>A change to the stored read model that has been applied to this store; the id names it.</summary>
internal sealed class ReadModelUpgradeDocument : IReadDocument
{
    public string Id { get; set; } = "";

    public long Version { get; set; }

    public DateTime AppliedAt { get; set; }
}
