using System.Text.Json;
using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Results;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Library.BuildingBlocks.Hosting;

/// <summary>
/// Turns what escapes an endpoint into problem details: a body the framework could not bind
/// (malformed JSON, wrong types, out-of-range numbers) is the client's mistake and answers 400;
/// anything else is ours and answers 500 without leaking internals.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem;
        if (exception is BadHttpRequestException badRequest)
        {
            var error = BodyError(badRequest);
            problem = error.ToProblemDetails();
            problem.Status = badRequest.StatusCode;
            if (badRequest.StatusCode == StatusCodes.Status415UnsupportedMediaType)
            {
                problem.Extensions["code"] = CommonErrors.UnsupportedMediaTypeCode;
                problem.Type = ProblemResults.TypeOf(CommonErrors.UnsupportedMediaTypeCode);
            }
        }
        else if (IsTransientStoreFailure(exception))
        {
            // Overload or a database restart, not a bug: the client may retry, and should be told so.
            LogUnavailable(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            problem = RetryLaterProblem.For(
                httpContext,
                CommonErrors.ServiceUnavailableCode,
                "The service cannot reach its database right now; retry shortly.",
                "Retry shortly. Almost always nothing was written; only a failure during the commit itself leaves a command's outcome unknown, so check before resending one.");
        }
        else
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "The server failed to handle the request.",
                Type = ProblemResults.TypeOf(CommonErrors.InternalErrorCode),
                Extensions = { ["code"] = CommonErrors.InternalErrorCode },
            };
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static Error BodyError(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            var field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "$" : json.Path.TrimStart('$', '.');
            return Error.Validation(
                CommonErrors.MalformedRequestCode,
                "The request body is not valid JSON for this operation.",
                new Dictionary<string, string[]> { [field] = [JsonProblem(json)] });
        }

        return Error.Validation(CommonErrors.MalformedRequestCode, exception.Message);
    }

    /// <summary>System.Text.Json messages name CLR types; keep the part a client can act on.</summary>
    private static string JsonProblem(JsonException json) =>
        json.Path is null ? "The body is not valid JSON." : $"The value at '{json.Path}' is malformed or has the wrong type.";

    /// <summary>
    /// A database that cannot be reached or answered too late (connection pool exhausted, connection
    /// refused, timeouts), wherever EF Core or CAP wrapped it; or a read store whose adapter said so
    /// (MongoDB's server selection, connection and execution timeouts, see <c>MongoFailures</c>).
    /// </summary>
    internal static bool IsTransientStoreFailure(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is Npgsql.NpgsqlException { IsTransient: true } or StoreUnavailableException)
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable for {Method} {Path}; answered 503")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
