using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Library.IntegrationTests;

/// <summary>
/// The development host, in-process, on a fresh PostgreSQL database and a fresh LiteDB folder:
/// real stores, real CAP outbox and inbox, real in-process transport; only the clock is fake.
/// </summary>
public sealed class LibraryAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 3, 10, 9, 30, 0, TimeSpan.Zero);

    private readonly string _database = "library_test_" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _liteDbDirectory = Path.Combine(Path.GetTempPath(), "library-tests", Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Clock { get; } = new(Start);

    public string ConnectionString => TestServers.ConnectionStringOf(_database);

    public async ValueTask InitializeAsync() => await TestServers.CreateDatabaseAsync(_database);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:ReaderCommand", ConnectionString);
        builder.UseSetting("ConnectionStrings:LendingCommand", ConnectionString);
        builder.UseSetting("ConnectionStrings:Messaging", ConnectionString);
        builder.UseSetting("ReadStore:Provider", "LiteDb");
        builder.UseSetting("ReadStore:LiteDbDirectory", _liteDbDirectory);

        // Every sort a handler runs must have the index that serves it on MongoDB (see SortIndexes).
        builder.UseSetting("ReadStore:RequireIndexedSorts", "true");
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await TestServers.DropDatabaseAsync(_database);
        if (Directory.Exists(_liteDbDirectory))
        {
            Directory.Delete(_liteDbDirectory, recursive: true);
        }
    }
}
