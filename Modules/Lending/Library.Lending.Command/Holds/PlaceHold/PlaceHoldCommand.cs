using Library.BuildingBlocks.Results;
using Library.BuildingBlocks.Security;
using Mediator;

namespace Library.Lending.Command.Holds.PlaceHold;

internal sealed record PlaceHoldRequest(Guid? ReaderId, string? Isbn);

internal sealed record PlaceHoldCommand(Guid? ReaderId, string? Isbn, Caller Caller) : ICommand<Result<PlaceHoldResponse>>
{
    public static PlaceHoldCommand From(PlaceHoldRequest form, Caller caller) => new(form.ReaderId, form.Isbn, caller);
}

/// <summary><paramref name="Position"/>: 1 is next in the title's queue.</summary>
internal sealed record PlaceHoldResponse(Guid HoldId, int Position, string Status, long Version);
