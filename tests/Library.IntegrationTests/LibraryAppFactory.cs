using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

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

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("LIBRARY_TEST_POSTGRES") is { Length: > 0 } configured
            ? configured
            : "Host=127.0.0.1;Port=54329;Username=postgres";

    public string ConnectionString => new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = _database }.ConnectionString;

    public async ValueTask InitializeAsync()
    {
        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", admin);
        await create.ExecuteNonQueryAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:ReaderCommand", ConnectionString);
        builder.UseSetting("ConnectionStrings:LendingCommand", ConnectionString);
        builder.UseSetting("ConnectionStrings:Messaging", ConnectionString);
        builder.UseSetting("ReadStore:Provider", "LiteDb");
        builder.UseSetting("ReadStore:LiteDbDirectory", _liteDbDirectory);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
        if (Directory.Exists(_liteDbDirectory))
        {
            Directory.Delete(_liteDbDirectory, recursive: true);
        }
    }
}
