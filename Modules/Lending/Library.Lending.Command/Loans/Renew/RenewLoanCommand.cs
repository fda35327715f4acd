using Library.BuildingBlocks.Results;
using Library.BuildingBlocks.Security;
using Library.Lending.Command.Domain;
using Mediator;

namespace Library.Lending.Command.Loans.Renew;

internal sealed record RenewLoanCommand(Guid LoanId, long? ExpectedVersion, Caller Caller) : ICommand<Result<RenewLoanResponse>>;

internal sealed record RenewLoanResponse(Guid LoanId, DateTimeOffset DueDate, int Renewals, long Version)
{
    public static RenewLoanResponse From(Loan loan) => new(loan.Id, loan.DueDate, loan.Renewals, loan.Version);
}
