namespace Library.Reader.Contracts;

/// <summary>CAP topic names of the Reader service's integration events.</summary>
public static class ReaderTopics
{
    public const string Registered = "reader.registered";
    public const string Updated = "reader.updated";
    public const string Suspended = "reader.suspended";
    public const string Reactivated = "reader.reactivated";
    public const string Erased = "reader.erased";
    public const string ErasureRequested = "reader.erasure_requested";
    public const string ErasureRefused = "reader.erasure_refused";
}
