using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Library.IntegrationTests;

/// <summary>
/// The development host, in-process, on a fresh PostgreSQL database and a fresh SQLite folder:
/// real stores, real CAP outbox and inbox, real in-process transport; only the clock is fake.
/// </summary>
public class LibraryAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 3, 10, 9, 30, 0, TimeSpan.Zero);

    private readonly string _database = "library_test_" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _sqliteDirectory = Path.Combine(Path.GetTempPath(), "library-tests", Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>Everything the host logged (at the level <c>Serilog:MinimumLevel:Default</c> lets through).</summary>
    public LogCapture Logs { get; } = new();

    public string ConnectionString => TestServers.ConnectionStringOf(_database);

    public async ValueTask InitializeAsync() => await TestServers.CreateDatabaseAsync(_database);

    /// <summary>A client signed in as a librarian of its own (created by the development admin on first use), as at the desk.</summary>
    public HttpClient CreateLibrarianClient() => CreateClientAs("librarian");

    /// <summary>A client signed in as the development admin: the lending policy, staff accounts.</summary>
    public HttpClient CreateAdminClient() => CreateClientAs(Auth.SignIn.Admin);

    /// <summary>A client signed in with <paramref name="role"/>, signing in again whenever the clock has moved past its token.</summary>
    public HttpClient CreateClientAs(string role) => CreateDefaultClient(new Auth.SignedInHandler(role, Clock));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:ReaderCommand", ConnectionString);
        builder.UseSetting("ConnectionStrings:LendingCommand", ConnectionString);
        builder.UseSetting("ConnectionStrings:Messaging", ConnectionString);
        builder.UseSetting("ConnectionStrings:Identity", ConnectionString);

        // The development admin (as in appsettings.Development.json), and no token rate limit to speak of:
        // every test signs in, all from the one address TestServer gives (IdentityTests lower it).
        builder.UseSetting("Identity:BootstrapAdminPassword", Auth.SignIn.DevelopmentAdminPassword);
        builder.UseSetting("Identity:TokenRateLimit:PermitLimit", "1000000");

        // Nor a write limit per account: the race tests fire hundreds of writes as one librarian (RateLimitTests lower it).
        builder.UseSetting("Server:CallerWriteLimit:PermitsPerSecond", "1000000");
        builder.UseSetting("Server:CallerWriteLimit:Burst", "1000000");
        builder.UseSetting("ReadStore:Provider", "Sqlite");
        builder.UseSetting("ReadStore:SqliteDirectory", _sqliteDirectory);

        // Every sort a handler runs must have the index that serves it on MongoDB (see SortIndexes).
        builder.UseSetting("ReadStore:RequireIndexedSorts", "true");
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.ConfigureTestServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
            services.AddSingleton<Serilog.Core.ILogEventSink>(Logs);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await TestServers.DropDatabaseAsync(_database);
        if (Directory.Exists(_sqliteDirectory))
        {
            Directory.Delete(_sqliteDirectory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// The development host keeping every delivered event for an hour and through erasures, for the tests
/// that read the event history back from the outbox (the model's replay, the event chains, delivery
/// counts). The default factory runs the production retention (30 s) and erasure purge.
/// </summary>
public sealed class EventHistoryAppFactory : LibraryAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Messaging:SucceededMessageRetentionSeconds", "3600");
        builder.UseSetting("Messaging:PurgeOnErasure", "false");
    }
}

/// <summary>The development host logging at Information, as production does, so a test can read every ordinary line.</summary>
public sealed class InformationLogsAppFactory : LibraryAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Information");
    }
}
