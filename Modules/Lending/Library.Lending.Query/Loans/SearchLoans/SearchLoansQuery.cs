using Library.BuildingBlocks.Results;
using Library.BuildingBlocks.Security;
using Mediator;

namespace Library.Lending.Query.Loans.SearchLoans;

/// <summary>
/// All filters optional. <paramref name="From"/> and <paramref name="To"/> bound the checkout date (UTC), both inclusive.
/// <paramref name="After"/>: the cursor of a previous page (its <c>next</c>), instead of a page number.
/// </summary>
internal sealed record SearchLoansQuery(string? ReaderId, string? Isbn, string? Status, DateOnly? From, DateOnly? To, int Page, int PageSize, Caller Caller, string? After = null)
    : IQuery<Result<LoanPageResponse>>;
