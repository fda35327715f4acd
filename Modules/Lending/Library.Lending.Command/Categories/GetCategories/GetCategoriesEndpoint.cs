using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using LendingMediator = Library.Lending.Command.Messaging.Mediator;

namespace Library.Lending.Command.Categories.GetCategories;

/// <summary>
/// Any signed-in caller, as <c>GET /api/lending-policy</c>: a reader may read the terms they borrow under.
/// Spec section 5 puts "categories" in the admin-only row; ADR 0029 reads that as changing them.
/// </summary>
internal static class GetCategoriesEndpoint
{
    public static void MapGetCategories(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/categories", async (LendingMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new GetCategoriesQuery(), ct)).ToHttpResult(TypedResults.Ok))
            .WithName("GetCategories")
            .RequirePolicy(LibraryPolicies.SignedIn)
            .WithSummary("The reader categories, their own terms and the terms in effect")
            .WithDescription("Each category's overrides (null: the lending policy's) and the effective terms after the policy fallback, with its version for If-Match. A reader's category code with no entry here borrows under the policy.")
            .Produces<CategoriesResponse>();
}
