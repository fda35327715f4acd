using Library.BuildingBlocks.ReadStore;
using Library.BuildingBlocks.Results;
using Library.Lending.Query.ReadModel;
using Mediator;

namespace Library.Lending.Query.Loans.OverdueLoans;

/// <summary>The librarian's worklist: the earliest due date is the most days overdue, so it comes first.</summary>
internal sealed class OverdueLoansHandler(IReadStore<LoanDocument> loans, CalendarCopy calendar, TimeProvider clock)
    : IQueryHandler<OverdueLoansQuery, Result<LoanPageResponse>>
{
    /// <summary>The list a cursor of this handler names, so that one of the loan search is refused here.</summary>
    public const string List = "overdue";

    public async ValueTask<Result<LoanPageResponse>> Handle(OverdueLoansQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await LoanPages.FindAsync(
            loans,
            LoanFilters.Overdue(now),
            ReadSort.Ascending(nameof(LoanDocument.OpenDueDate)),
            List,
            query.Page,
            query.PageSize,
            query.After,
            now,
            await calendar.ClosedDaysAsync(cancellationToken),
            cancellationToken);
    }
}
