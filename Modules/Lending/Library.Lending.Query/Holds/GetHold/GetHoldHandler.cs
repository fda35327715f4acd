using Library.BuildingBlocks.ReadStore;
using Library.BuildingBlocks.Results;
using Library.Lending.Query.ReadModel;
using Mediator;

namespace Library.Lending.Query.Holds.GetHold;

internal sealed class GetHoldHandler(IReadStore<HoldDocument> holds) : IQueryHandler<GetHoldQuery, Result<HoldResponse>>
{
    public async ValueTask<Result<HoldResponse>> Handle(GetHoldQuery query, CancellationToken cancellationToken)
    {
        // Another reader's hold does not exist as far as a reader can tell (spec section 5).
        if (!Guid.TryParse(query.HoldId, out var id)
            || await holds.GetAsync(id.ToString(), cancellationToken) is not { } hold
            || !query.Caller.MayActOnReader(Guid.Parse(hold.ReaderId)))
        {
            return Error.NotFound("hold.not_found", $"No hold has id '{query.HoldId}'.");
        }

        return await holds.ToResponseAsync(hold, cancellationToken);
    }
}
