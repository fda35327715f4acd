namespace Library.BuildingBlocks.Messaging.RabbitMq;

/// <summary>
/// Bound from <c>Messaging:RabbitMq</c>; the broker itself is <c>ConnectionStrings:RabbitMq</c>, an
/// <c>amqp://user:password@host:port/vhost</c> URI.
/// </summary>
public sealed class RabbitMqOptions
{
    public const string SectionName = "Messaging:RabbitMq";

    public string ConnectionString { get; set; } = "amqp://guest:guest@127.0.0.1:5672/";

    /// <summary>The durable topic exchange every service publishes to; each CAP group binds a durable queue to it.</summary>
    public string Exchange { get; set; } = "library.events";

    /// <summary>How many unacknowledged deliveries one consumer may hold: bounds the memory a backlog can take.</summary>
    public ushort PrefetchCount { get; set; } = 32;

    /// <summary>Confirm-mode channels kept for publishing, so concurrent sends do not queue behind one channel.</summary>
    public int PublishChannels { get; set; } = 4;

    /// <summary>First wait before reconnecting after the broker went away; doubles up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a publish waits for the broker's confirm before CAP counts it failed and the outbox retries it.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Shown in the broker's connection list, so an operator sees which service holds which connection.</summary>
    public string ClientName { get; set; } = "library";
}
