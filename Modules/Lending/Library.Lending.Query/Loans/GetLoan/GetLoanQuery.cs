using Library.BuildingBlocks.Results;
using Mediator;

namespace Library.Lending.Query.Loans.GetLoan;

internal sealed record GetLoanQuery(string LoanId) : IQuery<Result<LoanResponse>>;
