using Library.BuildingBlocks.ReadStore;
using Library.Lending.Contracts;
using Microsoft.Extensions.Logging;

namespace Library.Lending.Query.ReadModel;

/// <summary>
/// Gives the active loans projected before <see cref="LoanDocument.OpenDueDate"/> existed their open due
/// date: without it they would drop out of the active and overdue lists.
/// </summary>
internal sealed class OpenDueDateBackfill(IReadStore<LoanDocument> loans, IReadStore<ReadModelUpgradeDocument> upgrades, ILogger<OpenDueDateBackfill> logger)
    : LoanBackfill(loans, upgrades, logger)
{
    public const string Id = "loans.open-due-date";

    protected override string UpgradeId => Id;

    protected override ReadFilter Lacking => ReadFilter.And(
        ReadFilter.Eq(nameof(LoanDocument.Status), LoanStatuses.Active),
        ReadFilter.Eq(nameof(LoanDocument.OpenDueDate), null));

    protected override void Fill(LoanDocument loan) => loan.OpenDueDate = loan.DueDate;
}
