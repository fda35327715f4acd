using Library.BuildingBlocks.Results;
using Library.BuildingBlocks.Security;
using Mediator;

namespace Library.Lending.Command.Holds.CancelHold;

internal sealed record CancelHoldCommand(Guid HoldId, long? ExpectedVersion, Caller Caller) : ICommand<Result<CancelHoldResponse>>;

/// <summary><paramref name="ReleasedTo"/>: where the copy of a ready hold went, as a check-in says it (<c>shelf</c> or <c>hold_shelf</c>); null for a waiting hold.</summary>
internal sealed record CancelHoldResponse(Guid HoldId, string Status, long Version, string? ReleasedTo);
