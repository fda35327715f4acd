using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Library.Lending.Command.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using LendingMediator = Library.Lending.Command.Messaging.Mediator;

namespace Library.Lending.Command.Loans.RenewAll;

/// <summary>
/// Under <c>/api/readers</c> because it acts on the reader's loans; the gateway sends it to the Lending
/// command service ahead of the Reader service's routes.
/// </summary>
internal static class RenewAllEndpoint
{
    public static void MapRenewAll(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/readers/{readerId}/renewals", async (string readerId, LendingMediator mediator, HttpContext http, CancellationToken ct) =>
                Guid.TryParse(readerId, out var id)
                    ? (await mediator.Send(new RenewAllCommand(id, http.GetCaller()!), ct)).ToHttpResult(TypedResults.Ok)
                    : LendingErrors.ReaderNotFound(readerId).ToProblem())
            .WithName("RenewAll")
            .RequirePolicy(LibraryPolicies.SignedIn)
            .WithSummary("Renew every loan of a reader that may be renewed")
            .WithDescription("""
                Renews each open loan of the reader on its own, with the rules of POST /api/loans/{loanId}/renewal:
                renewed lists each renewed loan's new due date, renewals and version; refused each other open loan
                with its code (loan.overdue, loan.renewal_limit_reached…). Staff for any reader, a reader for
                themselves; 404 reader.not_found for an unknown reader or another reader's id.
                """)
            .Produces<RenewAllResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
