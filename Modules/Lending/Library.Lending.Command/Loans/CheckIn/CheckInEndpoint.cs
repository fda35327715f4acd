using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using LendingMediator = Library.Lending.Command.Messaging.Mediator;

namespace Library.Lending.Command.Loans.CheckIn;

internal static class CheckInEndpoint
{
    public static void MapCheckIn(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/checkins", async (CheckInRequest body, LendingMediator mediator, HttpContext http, CancellationToken ct) =>
                (await mediator.Send(CheckInCommand.From(body, http.Actor()), ct)).ToVersionedOk(http.Response, checkedIn => checkedIn.Version))
            .WithName("CheckIn")
            .RequirePolicy(LibraryPolicies.Staff)
            .WithSummary("Check a copy in by its barcode")
            .WithDescription("""
                Returns the copy's open loan exactly as POST /api/loans/{loanId}/return does (occurredAt for an
                earlier return, an optional comment, a fine when late) and says where the copy goes: routeTo
                "shelf", or "hold_shelf" with the hold it is trapped for. version and ETag are the loan's.
                404 copy.not_found; 409 copy.not_on_loan (available, lost, or checked in by another desk).
                """)
            .Produces<CheckInResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
