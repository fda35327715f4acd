using System.Reflection;
using System.Security.Cryptography;
using Library.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Library.Web.Assets;

/// <summary>
/// The one stylesheet, embedded in this assembly and served by us (no CDN: library networks are often offline).
/// Embedded rather than a static web asset so that every host (the development host, the front end's own, the
/// test hosts) serves the same bytes without a publish step; its URL carries a hash of its content, so it is
/// cached for a year and a new version is a new URL.
/// </summary>
internal static class WebAssets
{
    private static readonly byte[] Stylesheet = Read("library.css");

    public static readonly string StylesheetVersion = Convert.ToHexString(SHA256.HashData(Stylesheet))[..12].ToLowerInvariant();

    public static string StylesheetPath => $"/assets/library.css?v={StylesheetVersion}";

    public static void MapWebAssets(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/assets/library.css", (HttpContext http) =>
            {
                http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                return TypedResults.Bytes(Stylesheet, "text/css; charset=utf-8", entityTag: new EntityTagHeaderValue($"\"{StylesheetVersion}\""));
            })
            .RequirePolicy(LibraryPolicies.Anonymous)
            .ExcludeFromDescription();

    private static byte[] Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Library.Web.Assets.{name}")
            ?? throw new InvalidOperationException($"The embedded asset {name} is missing from the build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
