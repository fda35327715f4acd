namespace Library.BuildingBlocks.Contracts;

/// <summary>
/// Who made a change: the token's subject and role (<c>admin</c>, <c>librarian</c>, <c>reader</c>), or
/// <c>system</c> with the service's name as the subject for a change no person asked for. Every
/// integration event carries one, so every change can be traced to the person who made it. The
/// subject is an opaque account id, not personal data, so it outlives a reader's erasure.
/// </summary>
public sealed record Actor(string Subject, string Role)
{
    public const int SubjectMaxLength = 200;

    public const int RoleMaxLength = 32;

    public const string SystemRole = "system";

    public const string AnonymousRole = "anonymous";

    /// <summary>A caller without a valid token; only routes open to anyone can act for one.</summary>
    public static Actor Anonymous { get; } = new("anonymous", AnonymousRole);

    public static Actor System(string service) => new(service, SystemRole);
}
