using Library.BuildingBlocks.Results;
using Library.Lending.Command.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Library.Lending.Command.Categories.GetCategories;

internal sealed class GetCategoriesHandler(LendingDbContext db) : IQueryHandler<GetCategoriesQuery, Result<CategoriesResponse>>
{
    public async ValueTask<Result<CategoriesResponse>> Handle(GetCategoriesQuery query, CancellationToken cancellationToken)
    {
        var policy = await db.Policies.AsNoTracking().SingleAsync(cancellationToken);
        var categories = await db.Categories.AsNoTracking().OrderBy(c => c.Code).ToListAsync(cancellationToken);
        return new CategoriesResponse([.. categories.Select(c => CategoryResponse.From(c, policy))], policy.Version);
    }
}
