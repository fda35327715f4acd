using Library.BuildingBlocks.ReadStore;
using Library.BuildingBlocks.Results;
using Library.Lending.Query.ReadModel;
using Mediator;

namespace Library.Lending.Query.Loans.OwingLoans;

/// <summary>The fines to settle: loans whose fine still owes something, the oldest assessment first.</summary>
internal sealed class OwingLoansHandler(IReadStore<LoanDocument> loans, CalendarCopy calendar, TimeProvider clock)
    : IQueryHandler<OwingLoansQuery, Result<LoanPageResponse>>
{
    /// <summary>The list a cursor of this handler names, so that one of the loan search is refused here.</summary>
    public const string List = "owing";

    public async ValueTask<Result<LoanPageResponse>> Handle(OwingLoansQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await LoanPages.FindAsync(
            loans,
            LoanFilters.Owing,
            ReadSort.Ascending(nameof(LoanDocument.OwingSince)),
            List,
            query.Page,
            query.PageSize,
            query.After,
            now,
            await calendar.ClosedDaysAsync(cancellationToken),
            cancellationToken);
    }
}
