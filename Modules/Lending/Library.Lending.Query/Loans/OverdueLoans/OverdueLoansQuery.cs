using Library.BuildingBlocks.ReadStore;
using Library.BuildingBlocks.Results;
using Mediator;

namespace Library.Lending.Query.Loans.OverdueLoans;

internal sealed record OverdueLoansQuery(int Page, int PageSize) : IQuery<Result<Page<LoanResponse>>>;
