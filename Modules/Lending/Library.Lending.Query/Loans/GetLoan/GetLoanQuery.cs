using Library.BuildingBlocks.Results;
using Library.BuildingBlocks.Security;
using Mediator;

namespace Library.Lending.Query.Loans.GetLoan;

internal sealed record GetLoanQuery(string LoanId, Caller Caller) : IQuery<Result<LoanResponse>>;
