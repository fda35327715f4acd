using Microsoft.AspNetCore.Builder;

namespace Library.BuildingBlocks.Security;

/// <summary>The authorization policies every service applies to its routes (spec section 5, "who may call what").</summary>
public static class LibraryPolicies
{
    /// <summary>Not a policy but the explicit marker for a public route: <see cref="LibraryPolicyExtensions.RequirePolicy"/> maps it to <c>AllowAnonymous</c>.</summary>
    public const string Anonymous = "anonymous";

    /// <summary>Any valid access token with one of the three roles (admin, librarian, reader).</summary>
    public const string SignedIn = "signed-in";

    /// <summary>Librarian or admin.</summary>
    public const string Staff = "staff";

    /// <summary>Admin only.</summary>
    public const string Admin = "admin";
}

/// <remarks>The policies themselves are registered by <c>AddLibraryAuthentication</c> (BuildingBlocks.Hosting).</remarks>
public static class LibraryPolicyExtensions
{
    /// <summary>Applies one of <see cref="LibraryPolicies"/> to a route or group; <see cref="LibraryPolicies.Anonymous"/> marks it public.</summary>
    public static TBuilder RequirePolicy<TBuilder>(this TBuilder builder, string policy)
        where TBuilder : IEndpointConventionBuilder =>
        policy == LibraryPolicies.Anonymous ? builder.AllowAnonymous() : builder.RequireAuthorization(policy);
}
