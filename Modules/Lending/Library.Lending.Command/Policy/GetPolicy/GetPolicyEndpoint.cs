using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using LendingMediator = Library.Lending.Command.Messaging.Mediator;

namespace Library.Lending.Command.Policy.GetPolicy;

/// <summary>The policy is read where it is owned: the command service answers it, with its version as the ETag to send back.</summary>
internal static class GetPolicyEndpoint
{
    public static void MapGetPolicy(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/lending-policy", async (LendingMediator mediator, HttpContext http, CancellationToken ct) =>
            (await mediator.Send(new GetPolicyQuery(), ct)).ToVersionedOk(http.Response, policy => policy.Version))
            .WithName("GetLendingPolicy")
            .RequirePolicy(LibraryPolicies.SignedIn)
            .WithSummary("The lending policy in force")
            .Produces<LendingPolicyResponse>();
}
