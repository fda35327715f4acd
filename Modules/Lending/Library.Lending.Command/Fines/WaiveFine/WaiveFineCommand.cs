using Library.BuildingBlocks.Contracts;
using Library.BuildingBlocks.Results;
using Library.BuildingBlocks.Validation;
using Mediator;

namespace Library.Lending.Command.Fines.WaiveFine;

internal sealed record WaiveFineRequest(string? Reason);

internal sealed record WaiveFineCommand(Guid FineId, long? ExpectedVersion, [property: FreeText] string? Reason, Actor Actor) : ICommand<Result<FineBalanceResponse>>;
