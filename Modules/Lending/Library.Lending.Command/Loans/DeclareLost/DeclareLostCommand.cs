using Library.BuildingBlocks.Contracts;
using Library.BuildingBlocks.Results;
using Mediator;

namespace Library.Lending.Command.Loans.DeclareLost;

internal sealed record DeclareLostCommand(Guid LoanId, long? ExpectedVersion, Actor Actor) : ICommand<Result<DeclareLostResponse>>;

internal sealed record DeclareLostResponse(Guid LoanId, DateTimeOffset LostAt, FineResponse? Fine, long Version);
