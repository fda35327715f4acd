using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Results;
using Library.BuildingBlocks.Security;
using Library.Lending.Command.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using LendingMediator = Library.Lending.Command.Messaging.Mediator;

namespace Library.Lending.Command.Categories.ChangeCategory;

internal static class ChangeCategoryEndpoint
{
    public static void MapChangeCategory(this IEndpointRouteBuilder routes) =>
        routes.MapPut("/api/categories/{code}", async (string code, ChangeCategoryRequest body, LendingMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                if (!ReaderCategory.IsValidCode(code))
                {
                    return LendingErrors.InvalidCategory(code).ToProblem();
                }

                var expected = http.Request.OptionalIfMatch();
                if (expected is { IsSuccess: false })
                {
                    return expected.Error.ToProblem();
                }

                var createOnly = CreateOnly(http.Request);
                if (!createOnly.IsSuccess)
                {
                    return createOnly.Error.ToProblem();
                }

                var result = await mediator.Send(new ChangeCategoryCommand(code, expected?.Value, createOnly.Value, body, http.Actor()), ct);
                return result.ToHttpResult(change =>
                {
                    http.Response.SetETag(change.Category.Version);
                    return change.Created
                        ? TypedResults.Created($"/api/categories/{change.Category.Code}", change.Category)
                        : TypedResults.Ok(change.Category);
                });
            })
            .WithName("ChangeCategory")
            .RequirePolicy(LibraryPolicies.Admin)
            .WithSummary("Create or change a reader category")
            .WithDescription("Replaces the category's terms; a term left out or null comes from the lending policy. An existing category needs If-Match with its version (428 without, 412 when stale); an unknown code is created (201, version 1) without If-Match, or with If-None-Match: * to refuse (412) if it exists.")
            .Produces<CategoryResponse>()
            .Produces<CategoryResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

    /// <summary>If-None-Match: * asks for a create only; no other value means anything on a write.</summary>
    private static Result<bool> CreateOnly(HttpRequest request)
    {
        var header = request.Headers.IfNoneMatch;
        if (header.Count == 0 || string.IsNullOrWhiteSpace(header.ToString()))
        {
            return false;
        }

        return EntityTagHeaderValue.TryParseList(header, out var tags) && tags is [var only] && only.Equals(EntityTagHeaderValue.Any)
            ? true
            : Error.Validation(
                CommonErrors.ValidationFailedCode,
                "If-None-Match on this route can only be *: create the category only if it does not exist.",
                new Dictionary<string, string[]> { ["If-None-Match"] = ["Expected *."] });
    }
}
