using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using IdentityMediator = Library.Identity.Messaging.Mediator;

namespace Library.Identity.Accounts.CreateStaff;

internal static class CreateStaffEndpoint
{
    public static void MapCreateStaff(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/staff", async (CreateStaffCommand command, IdentityMediator mediator, CancellationToken ct) =>
            (await mediator.Send(command, ct)).ToHttpResult(staffId =>
                TypedResults.Created((string?)null, new StaffCreatedResponse(staffId))))
            .RequirePolicy(LibraryPolicies.Admin)
            .WithName("CreateStaff")
            .WithSummary("Create a staff account (admin)")
            .WithDescription("Role 'librarian' or 'admin'; password 8–128 characters. 409 staff.username_taken when the username is in use (case-insensitive).")
            .Produces<StaffCreatedResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
}

internal sealed record StaffCreatedResponse(Guid StaffId);
