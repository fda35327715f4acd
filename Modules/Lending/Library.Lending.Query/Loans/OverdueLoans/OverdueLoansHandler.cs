using Library.BuildingBlocks.ReadStore;
using Library.BuildingBlocks.Results;
using Library.Lending.Query.ReadModel;
using Mediator;

namespace Library.Lending.Query.Loans.OverdueLoans;

/// <summary>The librarian's worklist: the earliest due date is the most days overdue, so it comes first.</summary>
internal sealed class OverdueLoansHandler(IReadStore<LoanDocument> loans, TimeProvider clock)
    : IQueryHandler<OverdueLoansQuery, Result<Page<LoanResponse>>>
{
    public async ValueTask<Result<Page<LoanResponse>>> Handle(OverdueLoansQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var page = await loans.FindPageAsync(
            LoanFilters.Overdue(now),
            ReadSort.Ascending(nameof(LoanDocument.OpenDueDate)),
            query.Page,
            query.PageSize,
            cancellationToken);
        return new Page<LoanResponse>([.. page.Items.Select(l => LoanResponse.From(l, now))], page.PageNumber, page.PageSize, page.Total);
    }
}
