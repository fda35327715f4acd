namespace Library.BuildingBlocks.Results;

/// <summary>Error codes that do not belong to one module: request shape and HTTP preconditions.</summary>
public static class CommonErrors
{
    public const string ValidationFailedCode = "request.validation_failed";
    public const string MalformedRequestCode = "request.malformed";
    public const string IfMatchRequiredCode = "request.if_match_required";
    public const string InvalidIfMatchCode = "request.invalid_if_match";
    public const string VersionMismatchCode = "request.version_mismatch";
    public const string RouteNotFoundCode = "request.not_found";
    public const string MethodNotAllowedCode = "request.method_not_allowed";
    public const string UnsupportedMediaTypeCode = "request.unsupported_media_type";
    public const string NotAcceptableCode = "request.not_acceptable";
    public const string TimeoutCode = "request.timeout";
    public const string LengthRequiredCode = "request.length_required";
    public const string TooLargeCode = "request.too_large";
    public const string UriTooLongCode = "request.uri_too_long";
    public const string UnsupportedCharsetCode = "request.unsupported_charset";
    public const string TooManyRequestsCode = "request.too_many";
    public const string HeadersTooLargeCode = "request.headers_too_large";

    /// <summary>No valid access token: 401 with <c>WWW-Authenticate: Bearer</c>.</summary>
    public const string UnauthenticatedCode = "auth.unauthenticated";

    /// <summary>A valid token whose role may not use the route: 403.</summary>
    public const string ForbiddenCode = "auth.forbidden";

    /// <summary>A 4xx the server produced for which no more specific code exists.</summary>
    public const string RejectedCode = "request.rejected";

    public const string InternalErrorCode = "server.internal_error";

    /// <summary>A readiness probe found a store or the broker unreachable; answered 503.</summary>
    public const string NotReadyCode = "server.not_ready";

    /// <summary>The service's database is unreachable or overloaded; answered 503 with Retry-After.</summary>
    public const string ServiceUnavailableCode = "server.unavailable";

    /// <summary>More writes are waiting than the service admits; refused before anything ran, 503 with Retry-After.</summary>
    public const string ServiceBusyCode = "server.busy";

    public static Error Forbidden(string message) => new(ForbiddenCode, message, ErrorKind.Forbidden);

    public static Error IfMatchRequired() => new(
        IfMatchRequiredCode,
        "This update needs an If-Match header carrying the version (ETag) you last read.",
        ErrorKind.PreconditionRequired);

    public static Error InvalidIfMatch() => Error.Validation(
        InvalidIfMatchCode,
        "The If-Match header must be one version ETag such as \"3\".",
        new Dictionary<string, string[]> { ["If-Match"] = ["Expected one ETag such as \"3\"."] });

    public static Error VersionMismatch(long expected, long actual) => new(
        VersionMismatchCode,
        $"The resource is at version {actual}, not {expected}; read it again and retry.",
        ErrorKind.PreconditionFailed);
}
