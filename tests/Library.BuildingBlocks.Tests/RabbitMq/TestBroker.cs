using System.Diagnostics;
using Library.BuildingBlocks.Messaging.RabbitMq;
using Npgsql;
using RabbitMQ.Client;

namespace Library.BuildingBlocks.Tests.RabbitMq;

/// <summary>The real RabbitMQ and PostgreSQL that ./test.sh starts, and ways to look at and control them.</summary>
internal static class TestBroker
{
    public static string ConnectionString => TestServers.RabbitMq;

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

    public static Task<string> CreateDatabaseAsync() =>
        TestServers.CreateDatabaseAsync("library_mq_" + Guid.NewGuid().ToString("N")[..12]);

    public static Task DropDatabaseAsync(string connectionString) =>
        TestServers.DropDatabaseAsync(new NpgsqlConnectionStringBuilder(connectionString).Database!);
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
