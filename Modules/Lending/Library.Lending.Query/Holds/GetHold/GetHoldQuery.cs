using Library.BuildingBlocks.Results;
using Library.BuildingBlocks.Security;
using Mediator;

namespace Library.Lending.Query.Holds.GetHold;

internal sealed record GetHoldQuery(string HoldId, Caller Caller) : IQuery<Result<HoldResponse>>;
