using Library.BuildingBlocks.Contracts;
using Library.BuildingBlocks.Results;
using Mediator;

namespace Library.Lending.Command.Fines.PayFine;

internal sealed record PayFineRequest(long? AmountCents);

internal sealed record PayFineCommand(Guid FineId, long? ExpectedVersion, long? AmountCents, Actor Actor) : ICommand<Result<FineBalanceResponse>>;

