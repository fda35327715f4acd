using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using LendingQueryMediator = Library.Lending.Query.Messaging.Mediator;

namespace Library.Lending.Query.Stats.LoanStats;

internal static class LoanStatsEndpoint
{
    public static void MapLoanStats(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/stats/loans", async (DateOnly? from, DateOnly? to, LendingQueryMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new LoanStatsQuery(from, to), ct)).ToHttpResult(TypedResults.Ok))
            .WithName("LoanStats")
            .RequirePolicy(LibraryPolicies.Staff)
            .WithSummary("Average loan duration, top 5 books and readers, loans per month")
            .WithDescription("Kept per calendar month of checkout (UTC): from/to (yyyy-MM-dd) select whole months, both inclusive; omit them for all time. All time is live; a range's answer is summed in the store and may be up to Statistics:RangeFreshness (10 s by default) old.")
            .Produces<LoanStatsResponse>()
            .ProducesValidationProblem();
}
