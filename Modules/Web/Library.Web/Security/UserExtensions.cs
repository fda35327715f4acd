using System.Security.Claims;

namespace Library.Web.Security;

internal static class UserExtensions
{
    public static bool IsStaff(this ClaimsPrincipal user) =>
        user.IsInRole(WebPolicies.LibrarianRole) || user.IsInRole(WebPolicies.AdminRole);

    /// <summary>The reader id a reader's token carries (<c>reader_id</c>), for the portal's own-data calls.</summary>
    public static string? ReaderId(this ClaimsPrincipal user) => user.FindFirst("reader_id")?.Value;

    public static string RoleName(this ClaimsPrincipal user) =>
        user.IsInRole(WebPolicies.AdminRole) ? "admin"
        : user.IsInRole(WebPolicies.LibrarianRole) ? "librarian"
        : user.IsInRole(WebPolicies.ReaderRole) ? "reader"
        : "guest";
}
