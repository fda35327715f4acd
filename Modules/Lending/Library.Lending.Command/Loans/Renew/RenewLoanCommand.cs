using Library.BuildingBlocks.Results;
using Library.BuildingBlocks.Security;
using Mediator;

namespace Library.Lending.Command.Loans.Renew;

internal sealed record RenewLoanCommand(Guid LoanId, long? ExpectedVersion, Caller Caller) : ICommand<Result<RenewLoanResponse>>;

internal sealed record RenewLoanResponse(Guid LoanId, DateTimeOffset DueDate, int Renewals, long Version);
