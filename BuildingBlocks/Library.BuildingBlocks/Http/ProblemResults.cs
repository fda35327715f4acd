using Library.BuildingBlocks.Results;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Library.BuildingBlocks.Http;

/// <summary>Maps <see cref="Error"/> to RFC 9457 problem details with a stable <c>code</c> member.</summary>
public static class ProblemResults
{
    public static int StatusCodeOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
        ErrorKind.PreconditionRequired => StatusCodes.Status428PreconditionRequired,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>A URN keeps the problem type stable and unique without promising a page to dereference.</summary>
    public static string TypeOf(string code) => "urn:library:problem:" + code;

    public static ProblemDetails ToProblemDetails(this Error error)
    {
        var status = StatusCodeOf(error.Kind);
        ProblemDetails problem = error.FieldErrors is { Count: > 0 } fields
            ? new HttpValidationProblemDetails(fields.ToDictionary(f => f.Key, f => f.Value))
            : new ProblemDetails();
        problem.Status = status;
        problem.Title = TitleOf(status);
        problem.Detail = error.Message;
        problem.Type = TypeOf(error.Code);
        problem.Extensions["code"] = error.Code;
        return problem;
    }

    public static IResult ToProblem(this Error error) => TypedResults.Problem(error.ToProblemDetails());

    private static string TitleOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request is invalid.",
        StatusCodes.Status404NotFound => "The resource was not found.",
        StatusCodes.Status409Conflict => "The request conflicts with the current state.",
        StatusCodes.Status412PreconditionFailed => "The resource has changed.",
        StatusCodes.Status428PreconditionRequired => "A precondition is required.",
        _ => "The request failed.",
    };
}
