using Library.BuildingBlocks.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Library.Gateway;

/// <summary>A service that is down answers through the gateway like any other error: a problem with a stable code.</summary>
internal static class GatewayProblems
{
    public const string ServiceUnavailableCode = "gateway.service_unavailable";

    public static Task WriteUnavailableAsync(HttpContext context, IForwarderErrorFeature failure)
    {
        var status = failure.Error is ForwarderError.RequestTimedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status503ServiceUnavailable;
        context.Response.StatusCode = status;
        context.Response.Headers.RetryAfter = "5";
        return Results.Problem(
            title: "The service behind this route is not reachable.",
            detail: "Retry shortly. A command may have been applied before the service stopped answering: check its outcome before sending it again.",
            statusCode: status,
            type: ProblemResults.TypeOf(ServiceUnavailableCode),
            extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = ServiceUnavailableCode }).ExecuteAsync(context);
    }
}
