using Library.BuildingBlocks.ReadStore;
using Library.Lending.Contracts;
using Library.Lending.Query.Loans;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Library.Lending.Query.ReadModel;

/// <summary>
/// Gives the active loans projected before <see cref="LoanDocument.OpenDueDate"/> existed their open due
/// date, once per store: without it they would drop out of the active and overdue lists, and no event
/// would bring them back until the loan next changed. Each loan is replaced only if nothing rewrote it
/// since it was read; the loop runs until no active loan lacks the field, then records that it is done,
/// so later starts cost one lookup.
/// </summary>
internal sealed partial class OpenDueDateBackfill(
    IReadStore<LoanDocument> loans,
    IReadStore<ReadModelUpgradeDocument> upgrades,
    ILogger<OpenDueDateBackfill> logger) : BackgroundService
{
    public const string UpgradeId = "loans.open-due-date";

    private const int Batch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (await upgrades.GetAsync(UpgradeId, stoppingToken) is not null)
            {
                return;
            }

            var lacking = ReadFilter.And(
                ReadFilter.Eq(nameof(LoanDocument.Status), LoanStatuses.Active),
                ReadFilter.Eq(nameof(LoanDocument.OpenDueDate), null));
            var filled = 0;
            while (await loans.FindAsync(new ReadQuery(lacking, Take: Batch), stoppingToken) is { Count: > 0 } batch)
            {
                foreach (var loan in batch)
                {
                    var unchanged = ReadFilter.And(LoanFilters.UnchangedSince(loan), ReadFilter.Eq(nameof(LoanDocument.OpenDueDate), null));
                    loan.OpenDueDate = loan.DueDate;
                    if (await loans.ReplaceIfAsync(loan, unchanged, stoppingToken))
                    {
                        filled++;
                    }
                }
            }

            await upgrades.UpsertIfNewerAsync(new ReadModelUpgradeDocument { Id = UpgradeId, Version = 1, AppliedAt = DateTime.UtcNow }, stoppingToken);
            if (filled > 0)
            {
                Filled(logger, filled);
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
            Failed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Gave {Count} active loans their open due date")]
    private static partial void Filled(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not give active loans their open due date; the next start retries")]
    private static partial void Failed(ILogger logger, Exception exception);
}

/// <summary>A change to the stored read model that has been applied to this store; the id names it.</summary>
internal sealed class ReadModelUpgradeDocument : IReadDocument
{
    public string Id { get; set; } = "";

    public long Version { get; set; }

    public DateTime AppliedAt { get; set; }
}
