using Library.BuildingBlocks.ReadStore;
using Library.BuildingBlocks.Results;
using Library.Lending.Contracts;
using Library.Lending.Query.Books;
using Library.Lending.Query.ReadModel;
using Mediator;

namespace Library.Lending.Query.Loans.SearchLoans;

/// <summary>Newest checkouts first. "active" and "overdue" split the open loans by the current clock.</summary>
internal sealed class SearchLoansHandler(IReadStore<LoanDocument> loans, CalendarCopy calendar, TimeProvider clock)
    : IQueryHandler<SearchLoansQuery, Result<LoanPageResponse>>
{
    /// <summary>The list a cursor of this handler names, so that one of the overdue list is refused here.</summary>
    public const string List = "loans";

    public async ValueTask<Result<LoanPageResponse>> Handle(SearchLoansQuery query, CancellationToken cancellationToken)
    {
        if (!query.Caller.IsStaff)
        {
            if (query.ReaderId is null)
            {
                return CommonErrors.Forbidden("A reader lists their own loans: send readerId with your reader id.");
            }

            if (!query.Caller.MayActOnReader(Guid.Parse(query.ReaderId)))
            {
                return Error.NotFound("reader.not_found", $"No reader has id '{query.ReaderId}'.");
            }
        }

        var now = clock.GetUtcNow();
        var filters = new List<ReadFilter>();
        if (query.ReaderId is not null)
        {
            filters.Add(ReadFilter.Eq(nameof(LoanDocument.ReaderId), Guid.Parse(query.ReaderId).ToString()));
        }

        if (!string.IsNullOrWhiteSpace(query.Isbn))
        {
            filters.Add(ReadFilter.Eq(nameof(LoanDocument.Isbn), CatalogueIds.NormalizeIsbn(query.Isbn)));
        }

        switch (query.Status)
        {
            case LoanStatuses.Active:
                filters.Add(LoanFilters.ActiveNotOverdue(now));
                break;
            case LoanStatuses.Overdue:
                filters.Add(LoanFilters.Overdue(now));
                break;
            case { } status:
                filters.Add(ReadFilter.Eq(nameof(LoanDocument.Status), status));
                break;
        }

        if (query.From is { } from)
        {
            filters.Add(ReadFilter.Gte(nameof(LoanDocument.CheckedOutAt), from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)));
        }

        if (query.To is { } to)
        {
            filters.Add(ReadFilter.Lt(nameof(LoanDocument.CheckedOutAt), to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)));
        }

        // The cursor holds no filter: a reader's cursor is read with the readerId checked above, so it
        // positions only within what the caller may list anyway.
        return await LoanPages.FindAsync(
            loans,
            ReadFilter.And([.. filters]),
            ReadSort.DescendingBy(nameof(LoanDocument.CheckedOutAt)),
            List,
            query.Page,
            query.PageSize,
            query.After,
            now,
            await calendar.ClosedDaysAsync(cancellationToken),
            cancellationToken);
    }
}
