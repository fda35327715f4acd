using System.Diagnostics;
using Library.BuildingBlocks.Messaging.RabbitMq;
using Npgsql;
using RabbitMQ.Client;

namespace Library.BuildingBlocks.Tests.RabbitMq;

/// <summary>The real RabbitMQ and PostgreSQL that ./test.sh starts, and ways to look at and control them.</summary>
internal static class TestBroker
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("LIBRARY_TEST_RABBITMQ") is { Length: > 0 } configured
            ? configured
            : "amqp://guest:guest@127.0.0.1:31672/";

    public static string PostgresAdmin =>
        Environment.GetEnvironmentVariable("LIBRARY_TEST_POSTGRES") is { Length: > 0 } configured
            ? configured
            : "Host=127.0.0.1;Port=54329;Username=postgres";

    public static RabbitMqOptions Options(string connectionString, string exchange) => new()
    {
        ConnectionString = connectionString,
        Exchange = exchange,
        ClientName = "library-tests",
        ReconnectMinDelay = TimeSpan.FromMilliseconds(100),
        ReconnectMaxDelay = TimeSpan.FromSeconds(1),
        PublishTimeout = TimeSpan.FromSeconds(5),
    };

    public static async Task<QueueDeclareOk> InspectQueueAsync(string connectionString, string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri(connectionString) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        return await channel.QueueDeclarePassiveAsync(queue);
    }

    /// <summary>Consumer count of a queue, or -1 while the queue does not exist yet.</summary>
    public static async Task<int> ConsumersAsync(string connectionString, string queue)
    {
        try
        {
            return (int)(await InspectQueueAsync(connectionString, queue)).ConsumerCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return -1;
        }
    }

    public static async Task<string> CreateDatabaseAsync()
    {
        var name = "library_mq_" + Guid.NewGuid().ToString("N")[..12];
        await using var admin = new NpgsqlConnection(PostgresAdmin);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var admin = new NpgsqlConnection(PostgresAdmin);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// A RabbitMQ node of its own, started through the repo's script, for tests that stop and start the
/// broker: restarting the shared node would disturb every other test running at the same time.
/// </summary>
internal sealed class PrivateBroker : IAsyncDisposable
{
    private readonly int _port;
    private readonly string _directory;

    private PrivateBroker(int port)
    {
        _port = port;
        _directory = Path.Combine(Repository.Root, ".data", $"rabbitmq-test-{port}");
    }

    public string ConnectionString => $"amqp://guest:guest@127.0.0.1:{_port}/";


    public static async Task<PrivateBroker> StartAsync(int port)
    {
        var broker = new PrivateBroker(port);
        await broker.ControlAsync("start");
        return broker;
    }

    public Task StopAsync() => ControlAsync("stop");

    public Task StartAsync() => ControlAsync("start");

    public async ValueTask DisposeAsync()
    {
        await ControlAsync("stop");
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private async Task ControlAsync(string action)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(Repository.Root, "scripts", "rabbitmq.sh"), action])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["LIBRARY_RABBITMQ_PORT"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["LIBRARY_RABBITMQ_DIR"] = _directory;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        var output = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/rabbitmq.sh {action} failed: {await output}");
        }
    }
}
