using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using LendingMediator = Library.Lending.Command.Messaging.Mediator;

namespace Library.Lending.Command.Policy.ChangePolicy;

internal static class ChangePolicyEndpoint
{
    public static void MapChangePolicy(this IEndpointRouteBuilder routes) =>
        routes.MapPut("/api/lending-policy", async (ChangePolicyRequest body, LendingMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var expected = http.Request.RequiredIfMatch();
                if (!expected.IsSuccess)
                {
                    return expected.Error.ToProblem();
                }

                return (await mediator.Send(new ChangePolicyCommand(expected.Value, body, http.Actor()), ct)).ToVersionedOk(http.Response, policy => policy.Version);
            })
            .WithName("ChangeLendingPolicy")
            .RequirePolicy(LibraryPolicies.Admin)
            .WithSummary("Replace the lending policy")
            .WithDescription("Requires If-Match with the version read (428 without, 412 when stale). Applies to checkouts and renewals from now on; a loan keeps the fine terms it was checked out under.")
            .Produces<LendingPolicyResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
}
