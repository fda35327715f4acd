namespace Library.Identity.Replicas;

/// <summary>
/// The Identity service's copy of a reader, from <c>reader.*</c> events: enough to find the reader a
/// sign-in names and to know they exist. After erasure only the id, the version and the flag remain.
/// </summary>
internal sealed class ReaderReplica
{
    public Guid ReaderId { get; set; }

    public long Version { get; set; }

    public string? ReaderNumber { get; set; }

    public string? EmailNormalized { get; set; }

    public bool Erased { get; set; }

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();
}
