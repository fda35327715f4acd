using Library.BuildingBlocks.Results;
using Mediator;

namespace Library.Lending.Query.Loans.OverdueLoans;

/// <summary><paramref name="After"/>: the cursor of a previous page (its <c>next</c>), instead of a page number.</summary>
internal sealed record OverdueLoansQuery(int Page, int PageSize, string? After = null) : IQuery<Result<LoanPageResponse>>;
