using Library.BuildingBlocks.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Library.BuildingBlocks.Hosting;

/// <summary>A 503 the client should retry: the problem body with its stable code, and <c>Retry-After</c> set on the response.</summary>
internal static class RetryLaterProblem
{
    public static ProblemDetails For(HttpContext http, string code, string title, string detail)
    {
        http.Response.Headers.RetryAfter = "1";
        return new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = title,
            Detail = detail,
            Type = ProblemResults.TypeOf(code),
            Extensions = { ["code"] = code },
        };
    }
}
