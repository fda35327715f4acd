using Library.BuildingBlocks.Results;
using Mediator;

namespace Library.Lending.Query.Loans.OwingLoans;

/// <summary><paramref name="After"/>: the cursor of a previous page (its <c>next</c>), instead of a page number.</summary>
internal sealed record OwingLoansQuery(int Page, int PageSize, string? After = null) : IQuery<Result<LoanPageResponse>>;
