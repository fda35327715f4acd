using Library.BuildingBlocks.Results;
using Library.Lending.Command.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Library.Lending.Command.Policy.GetPolicy;

internal sealed class GetPolicyHandler(LendingDbContext db) : IQueryHandler<GetPolicyQuery, Result<LendingPolicyResponse>>
{
    public async ValueTask<Result<LendingPolicyResponse>> Handle(GetPolicyQuery query, CancellationToken cancellationToken) =>
        LendingPolicyResponse.From(await db.Policies.AsNoTracking().SingleAsync(cancellationToken));
}
