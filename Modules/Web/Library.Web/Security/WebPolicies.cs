namespace Library.Web.Security;

/// <summary>
/// The front end's pages authorise against its own sign-in cookie (<see cref="WebAuthentication.CookieScheme"/>),
/// never against the API's bearer scheme; what a role may do is still decided by the API on every call.
/// These policies only keep a page from showing what its caller could not use.
/// </summary>
internal static class WebPolicies
{
    /// <summary>Any caller; the cookie is read, so a public page still knows who is signed in.</summary>
    public const string Public = "web-public";

    public const string SignedIn = "web-signed-in";
    public const string Staff = "web-staff";
    public const string Admin = "web-admin";
    public const string Reader = "web-reader";

    public const string LibrarianRole = "librarian";
    public const string AdminRole = "admin";
    public const string ReaderRole = "reader";
}
