using System.Security.Claims;

namespace Library.BuildingBlocks.Security;

/// <summary>The roles of spec section 5; the values are the <c>role</c> claim of an access token.</summary>
public static class LibraryRoles
{
    public const string Admin = "admin";
    public const string Librarian = "librarian";
    public const string Reader = "reader";

    public static bool IsStaff(string? role) => role is Admin or Librarian;
}

/// <summary>The claim names of a Library access token (OpenIddict's JWT names).</summary>
public static class LibraryClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Username = "name";

    /// <summary>Only on a reader's token: the reader's id, the same as its subject.</summary>
    public const string ReaderId = "reader_id";

    /// <summary>The <c>aud</c> every access token carries and every service requires.</summary>
    public const string Audience = "library-api";
}

/// <summary>
/// Who is calling, as a handler needs it: for object-level checks (a reader sees only their own data)
/// and, as <see cref="ToActor"/>, for the actor on integration events. Built from a validated access
/// token, never from input.
/// </summary>
public sealed record Caller(string Subject, string Role, Guid? ReaderId, string? Username = null)
{
    public bool IsStaff => LibraryRoles.IsStaff(Role);

    public bool IsAdmin => Role == LibraryRoles.Admin;

    /// <summary>Whether this actor may act on reader <paramref name="readerId"/>: staff may, a reader only on themself.</summary>
    public bool MayActOnReader(Guid readerId) => IsStaff || ReaderId == readerId;

    /// <summary>What the events say about this caller: subject and role, nothing personal.</summary>
    public Contracts.Actor ToActor() => new(Subject, Role);

    /// <summary>The caller of an authenticated principal, or null when it is anonymous or lacks a subject or role.</summary>
    public static Caller? From(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var subject = principal.FindFirst(LibraryClaims.Subject)?.Value;
        var role = principal.FindFirst(LibraryClaims.Role)?.Value;
        if (string.IsNullOrEmpty(subject) || string.IsNullOrEmpty(role))
        {
            return null;
        }

        Guid? readerId = Guid.TryParse(principal.FindFirst(LibraryClaims.ReaderId)?.Value, out var id) ? id : null;
        return new Caller(subject, role, readerId, principal.FindFirst(LibraryClaims.Username)?.Value);
    }
}
