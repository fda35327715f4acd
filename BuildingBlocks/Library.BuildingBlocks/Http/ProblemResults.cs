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
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
        ErrorKind.PreconditionRequired => StatusCodes.Status428PreconditionRequired,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>
    /// The one mapping from a status code to a problem <c>code</c>, for every answer the server produces
    /// without an <see cref="Error"/> of ours (unknown route, wrong method, body too large, a status-code
    /// page): endpoints name their own codes, everything else gets one from here.
    /// </summary>
    public static string CodeOfStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => CommonErrors.MalformedRequestCode,
        StatusCodes.Status401Unauthorized => CommonErrors.UnauthenticatedCode,
        StatusCodes.Status403Forbidden => CommonErrors.ForbiddenCode,
        StatusCodes.Status404NotFound => CommonErrors.RouteNotFoundCode,
        StatusCodes.Status405MethodNotAllowed => CommonErrors.MethodNotAllowedCode,
        StatusCodes.Status406NotAcceptable => CommonErrors.NotAcceptableCode,
        StatusCodes.Status408RequestTimeout => CommonErrors.TimeoutCode,
        StatusCodes.Status411LengthRequired => CommonErrors.LengthRequiredCode,
        StatusCodes.Status412PreconditionFailed => CommonErrors.VersionMismatchCode,
        StatusCodes.Status413PayloadTooLarge => CommonErrors.TooLargeCode,
        StatusCodes.Status414UriTooLong => CommonErrors.UriTooLongCode,
        StatusCodes.Status415UnsupportedMediaType => CommonErrors.UnsupportedMediaTypeCode,
        StatusCodes.Status428PreconditionRequired => CommonErrors.IfMatchRequiredCode,
        StatusCodes.Status429TooManyRequests => CommonErrors.TooManyRequestsCode,
        StatusCodes.Status431RequestHeaderFieldsTooLarge => CommonErrors.HeadersTooLargeCode,
        StatusCodes.Status503ServiceUnavailable => CommonErrors.ServiceUnavailableCode,
        >= 400 and < 500 => CommonErrors.RejectedCode,
        _ => CommonErrors.InternalErrorCode,
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
