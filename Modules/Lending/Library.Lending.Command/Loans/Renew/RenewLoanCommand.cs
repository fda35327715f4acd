using Library.BuildingBlocks.Contracts;
using Library.BuildingBlocks.Results;
using Mediator;

namespace Library.Lending.Command.Loans.Renew;

internal sealed record RenewLoanCommand(Guid LoanId, long? ExpectedVersion, Actor Actor) : ICommand<Result<RenewLoanResponse>>;

internal sealed record RenewLoanResponse(Guid LoanId, DateTimeOffset DueDate, int Renewals, long Version);
