using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Library.BrowserTests;

/// <summary>
/// The development host on a real loopback port (a browser cannot reach an in-memory test server), on a fresh
/// PostgreSQL database and SQLite folder, with the web front end signing in against itself as ./run.sh sets it up.
/// The clock is the real one: a browser's cookies and the tokens' lifetimes are checked against it.
/// With <c>LIBRARY_BROWSER_BASE_URL</c> set (say, to a fresh <c>./run.sh</c>), no host is started: the tests run
/// against that one instead, as a librarian would use it (they sign in as the development admin).
/// </summary>
public sealed class BrowserAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminPassword = "dev-admin-password";

    private readonly string _database = "library_browser_" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _sqliteDirectory = Path.Combine(Path.GetTempPath(), "library-browser-tests", Guid.NewGuid().ToString("N"));

    private static readonly string? External = Environment.GetEnvironmentVariable("LIBRARY_BROWSER_BASE_URL") is { Length: > 0 } url ? url.TrimEnd('/') : null;

    public BrowserAppFactory()
    {
        Port = FreePort();
        BaseUrl = External ?? $"http://127.0.0.1:{Port}";
        if (External is null)
        {
            UseKestrel(Port);
        }
    }

    public int Port { get; }

    public string BaseUrl { get; }

    public async ValueTask InitializeAsync()
    {
        if (External is not null)
        {
            return;
        }

        await TestServers.CreateDatabaseAsync(_database);
        StartServer();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var connection = TestServers.ConnectionStringOf(_database);
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:ReaderCommand", connection);
        builder.UseSetting("ConnectionStrings:LendingCommand", connection);
        builder.UseSetting("ConnectionStrings:Messaging", connection);
        builder.UseSetting("ConnectionStrings:Identity", connection);
        builder.UseSetting("Identity:BootstrapAdminPassword", AdminPassword);
        builder.UseSetting("Identity:TokenRateLimit:PermitLimit", "1000000");
        builder.UseSetting("Identity:Keys:DevelopmentDirectory", Path.Combine(_sqliteDirectory, "identity-keys"));
        builder.UseSetting("Identity:WebClient:RedirectUris:0", $"{BaseUrl}/signin-oidc");
        builder.UseSetting("Identity:WebClient:PostLogoutRedirectUris:0", $"{BaseUrl}/signout-callback-oidc");
        builder.UseSetting("Web:Authority", BaseUrl);
        builder.UseSetting("Web:KeysDirectory", Path.Combine(_sqliteDirectory, "web-keys"));

        // Every page load finds the access token due (it lives 15 minutes), so every test goes through refreshes.
        builder.UseSetting("Web:RefreshAheadSeconds", "900");
        builder.UseSetting("ReadStore:Provider", "Sqlite");
        builder.UseSetting("ReadStore:SqliteDirectory", _sqliteDirectory);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (External is not null)
        {
            return;
        }

        await TestServers.DropDatabaseAsync(_database);
        if (Directory.Exists(_sqliteDirectory))
        {
            Directory.Delete(_sqliteDirectory, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
