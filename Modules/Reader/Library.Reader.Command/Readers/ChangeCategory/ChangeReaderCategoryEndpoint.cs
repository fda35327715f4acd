using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Library.Reader.Command.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ReaderMediator = Library.Reader.Command.Messaging.Mediator;

namespace Library.Reader.Command.Readers.ChangeCategory;

/// <summary>
/// The category is a sub-resource the desk sets (spec section 6: "changeable by staff"); a reader's own
/// request is a 403, since the category decides their loan terms. If-Match is required, as for the profile:
/// two desks moving one reader to different categories must not both win silently.
/// </summary>
internal static class ChangeReaderCategoryEndpoint
{
    public static void MapChangeReaderCategory(this IEndpointRouteBuilder routes) =>
        routes.MapPut("/api/readers/{readerId}/category", async (
                string readerId,
                ChangeReaderCategoryRequest body,
                ReaderMediator mediator,
                HttpContext http,
                CancellationToken ct) =>
            {
                var target = ChangeTarget.Parse(readerId, http.Request, ifMatchRequired: true, ReaderErrors.NotFound);
                if (!target.IsSuccess)
                {
                    return target.Error.ToProblem();
                }

                var result = await mediator.Send(new ChangeReaderCategoryCommand(target.Value.Id, target.Value.ExpectedVersion!.Value, body.Category, http.Actor()), ct);
                return result.ToVersionResponse(http.Response);
            })
            .WithName("ChangeReaderCategory")
            .RequirePolicy(LibraryPolicies.Staff)
            .WithSummary("Put a reader in another category")
            .WithDescription("category is a code (e.g. adult, child, staff); a code the Lending service does not define means the lending policy's terms. Requires If-Match (428 without, 412 when stale); 409 reader.erased.")
            .Produces<ReaderChanged>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
}
