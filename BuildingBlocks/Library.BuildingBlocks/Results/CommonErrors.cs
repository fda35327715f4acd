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
    public const string InternalErrorCode = "server.internal_error";

    /// <summary>The service's database is unreachable or overloaded; answered 503 with Retry-After.</summary>
    public const string ServiceUnavailableCode = "server.unavailable";

    /// <summary>More writes are waiting than the service admits; refused before anything ran, 503 with Retry-After.</summary>
    public const string ServiceBusyCode = "server.busy";

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
