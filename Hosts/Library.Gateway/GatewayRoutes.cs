using Yarp.ReverseProxy.Configuration;

namespace Library.Gateway;

/// <summary>
/// The spec's section 3 as routes: reads (GET, HEAD) go to the query services, writes to the command
/// services, so a client uses the same URLs as on the development host. The lending policy is read and
/// written on the Lending command service, which owns it, and so are the calendar and the reader categories.
/// A reader's category (<c>PUT /api/readers/{id}/category</c>) is the reader's, so readers-write takes it;
/// the renewal of all a reader's loans (<c>POST /api/readers/{id}/renewals</c>) and the desk's check-in by
/// barcode are the loans', so the Lending command service takes them.
/// </summary>
internal static class GatewayRoutes
{
    public const string ReaderCommand = "reader-command";
    public const string ReaderQuery = "reader-query";
    public const string LendingCommand = "lending-command";
    public const string LendingQuery = "lending-query";
    public const string Identity = "identity";
    public const string Web = "web";

    public static readonly IReadOnlyList<string> Services = [ReaderCommand, ReaderQuery, LendingCommand, LendingQuery, Identity, Web];

    /// <summary>The services with an API, whose OpenAPI documents the gateway's API page lists (the front end has none).</summary>
    public static readonly IReadOnlyList<string> ApiServices = [ReaderCommand, ReaderQuery, LendingCommand, LendingQuery, Identity];

    private static readonly string[] Reads = ["GET", "HEAD"];
    private static readonly string[] Writes = ["POST", "PUT", "PATCH", "DELETE"];

    public static IReadOnlyList<RouteConfig> Routes { get; } =
    [
        // A reader's credentials belong to the Identity service, not the Reader command service; the
        // literal segment makes this route more specific than readers-write, and the order says so too.
        Route("reader-credentials", "/api/readers/{readerId}/credentials", Writes, Identity, order: -1),
        // Renewing a reader's loans is the Lending service's (it owns loans): the same precedence over readers-read
        // and readers-write. Every method, so the one service that has the route answers any other with 405, as the
        // development host does, not a Reader service with 404.
        Route("reader-renewals", "/api/readers/{readerId}/renewals", [.. Reads, .. Writes], LendingCommand, order: -1),
        Route("readers-read", "/api/readers/{**rest}", Reads, ReaderQuery),
        Route("readers-write", "/api/readers/{**rest}", Writes, ReaderCommand),
        Route("books-read", "/api/books/{**rest}", Reads, LendingQuery),
        Route("books-write", "/api/books/{**rest}", Writes, LendingCommand),
        Route("loans-read", "/api/loans/{**rest}", Reads, LendingQuery),
        Route("loans-write", "/api/loans/{**rest}", Writes, LendingCommand),
        Route("holds-read", "/api/holds/{**rest}", Reads, LendingQuery),
        Route("holds-write", "/api/holds/{**rest}", Writes, LendingCommand),
        Route("checkins", "/api/checkins", [.. Reads, .. Writes], LendingCommand),
        Route("stats-read", "/api/stats/{**rest}", Reads, LendingQuery),
        Route("fines", "/api/fines/{**rest}", [.. Reads, .. Writes], LendingCommand),
        Route("lending-policy", "/api/lending-policy", [.. Reads, .. Writes], LendingCommand),
        Route("calendar", "/api/calendar/{**rest}", [.. Reads, .. Writes], LendingCommand),
        Route("categories", "/api/categories/{**rest}", [.. Reads, .. Writes], LendingCommand),
        Route("oidc-connect", "/connect/{**rest}", [.. Reads, .. Writes], Identity),
        Route("oidc-well-known", "/.well-known/{**rest}", Reads, Identity),
        Route("me", "/api/me", Reads, Identity),
        Route("staff", "/api/staff/{**rest}", [.. Reads, .. Writes], Identity),
        Route("signin-page", "/account/{**rest}", [.. Reads, .. Writes], Identity),

        // Everything else is the web front end's: its pages, its sign-in callbacks, its stylesheet. Last in order, so
        // every route above and the gateway's own (health, the API page) come first; "/" too, ahead of the gateway's
        // redirect to the API page.
        Route("web-home", "/", Reads, Web, order: -1),
        Route("web", "/{**rest}", [.. Reads, .. Writes], Web, order: 100),
        .. ApiServices.Select(service => OpenApiDocument(service)),
    ];

    /// <summary>Where the gateway serves a service's OpenAPI document, for its API page to list every service.</summary>
    public static string OpenApiPathOf(string service) => $"/openapi/{service}.json";

    /// <summary>One cluster per service; its address comes from <c>Services:{name}</c> in configuration.</summary>
    public static IReadOnlyList<ClusterConfig> Clusters(IConfiguration configuration) =>
        [.. Services.Select(service => new ClusterConfig
        {
            ClusterId = service,
            Destinations = new Dictionary<string, DestinationConfig>(StringComparer.Ordinal)
            {
                ["primary"] = new() { Address = AddressOf(configuration, service).ToString() },
            },
        })];

    public static Uri AddressOf(IConfiguration configuration, string service) =>
        configuration[$"Services:{service}"] is { Length: > 0 } address && Uri.TryCreate(address, UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidOperationException($"Services:{service} must be the absolute base URL of the {service} service.");

    private static RouteConfig OpenApiDocument(string service) => new()
    {
        RouteId = $"openapi-{service}",
        ClusterId = service,
        Match = new RouteMatch { Path = OpenApiPathOf(service), Methods = Reads },
        Transforms = [new Dictionary<string, string>(StringComparer.Ordinal) { ["PathSet"] = "/openapi/v1.json" }],
    };

    private static RouteConfig Route(string id, string path, string[] methods, string cluster, int? order = null) => new()
    {
        RouteId = id,
        ClusterId = cluster,
        Order = order,
        Match = new RouteMatch { Path = path, Methods = methods },
    };
}
