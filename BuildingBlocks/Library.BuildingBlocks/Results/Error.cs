namespace Library.BuildingBlocks.Results;

/// <summary>How an error surfaces over HTTP; the kind picks the status code, the code stays stable for clients.</summary>
public enum ErrorKind
{
    Validation,
    NotFound,

    /// <summary>The caller's role may not do this (403); another reader's data is <see cref="NotFound"/> instead.</summary>
    Forbidden,
    Conflict,
    PreconditionFailed,
    PreconditionRequired,
}

/// <summary>
/// A failure a client can act on. <see cref="Code"/> is part of the public contract
/// (e.g. <c>reader.email_taken</c>) and must never change once shipped.
/// </summary>
public sealed record Error(string Code, string Message, ErrorKind Kind)
{
    /// <summary>Field name (camelCase, as in the JSON body) to messages; only for <see cref="ErrorKind.Validation"/>.</summary>
    public IReadOnlyDictionary<string, string[]>? FieldErrors { get; init; }

    public static Error Validation(string code, string message, IReadOnlyDictionary<string, string[]>? fieldErrors = null) =>
        new(code, message, ErrorKind.Validation) { FieldErrors = fieldErrors };

    public static Error Invalid(string field, string code, string message) =>
        Validation(code, message, new Dictionary<string, string[]> { [field] = [message] });

    public static Error NotFound(string code, string message) => new(code, message, ErrorKind.NotFound);

    public static Error Conflict(string code, string message) => new(code, message, ErrorKind.Conflict);
}
