using Library.BuildingBlocks.Contracts;
using Library.BuildingBlocks.Results;
using Library.BuildingBlocks.Validation;
using Mediator;

namespace Library.Lending.Command.Loans.Return;

internal sealed record ReturnLoanRequest(string? Comment, DateTimeOffset? OccurredAt);

internal sealed record ReturnLoanCommand(Guid LoanId, long? ExpectedVersion, [property: FreeText] string? Comment, DateTimeOffset? OccurredAt, Actor Actor)
    : ICommand<Result<ReturnLoanResponse>>;

internal sealed record ReturnLoanResponse(Guid LoanId, DateTimeOffset ReturnedAt, int DaysOverdue, FineResponse? Fine, long Version);
