using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using LendingMediator = Library.Lending.Command.Messaging.Mediator;

namespace Library.Lending.Command.Loans.Checkout;

internal static class CheckoutEndpoint
{
    public static void MapCheckout(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/loans", async (CheckoutRequest body, LendingMediator mediator, HttpContext http, CancellationToken ct) =>
            (await mediator.Send(CheckoutCommand.From(body, http.Actor()), ct)).ToHttpResult(loan =>
            {
                http.Response.SetETag(loan.Version);
                return TypedResults.Created($"/api/loans/{loan.LoanId}", loan);
            }))
            .WithName("Checkout")
            .RequirePolicy(LibraryPolicies.Staff)
            .WithSummary("Check a copy out to a reader")
            .WithDescription("""
                Creates a loan numbered YYYY/N, due after the policy's loan period. occurredAt records an
                earlier checkout (offline circulation: not in the future, at most 365 days back).
                404 reader.not_found / copy.not_found; 409 reader.suspended, reader.erased,
                reader.loan_limit_reached, reader.has_overdue_loans, reader.owes_fines, copy.not_available.
                """)
            .Produces<CheckoutResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
