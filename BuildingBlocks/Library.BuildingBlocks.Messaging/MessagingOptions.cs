namespace Library.BuildingBlocks.Messaging;

public enum MessagingTransport
{
    InProcess,
    RabbitMq,
}

/// <summary>Bound from the <c>Messaging</c> section; the outbox/inbox database is <c>ConnectionStrings:Messaging</c>.</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    public MessagingTransport Transport { get; set; } = MessagingTransport.InProcess;

    /// <summary>
    /// Prefixed to every consumer group, and so to every RabbitMQ queue name: lets two deployments (or
    /// test runs) share one broker without taking each other's events. Empty in a normal deployment.
    /// </summary>
    public string? GroupNamePrefix { get; set; }

    /// <summary>Schema of CAP's outbox and inbox tables.</summary>
    public string Schema { get; set; } = "cap";

    /// <summary>
    /// Delivered events carry personal data (names, e-mail addresses), and the spec wants an erased
    /// reader's data gone from every store within a minute. Erasure purges what was delivered by then
    /// (the purge); an event still in flight at that moment is deleted this long
    /// after its delivery, plus at most one <see cref="CleaningIntervalSeconds"/>. CAP keeps 24 hours by
    /// default; nothing here reads a delivered message again (consumers deduplicate by version).
    /// </summary>
    public int SucceededMessageRetentionSeconds { get; set; } = 30;

    /// <summary>Whether an erasure deletes the delivered messages that mention the erased reader at once (the purge).</summary>
    public bool PurgeOnErasure { get; set; } = true;

    /// <summary>How often CAP deletes expired messages (CAP's default is every 5 minutes).</summary>
    public int CleaningIntervalSeconds { get; set; } = 10;

    /// <summary>
    /// Consumers per group, each storing a delivery in the inbox and handling it before it takes the
    /// next: so this many events of a group are handled at once. Every handler is idempotent and
    /// order-tolerant by version (compare-and-set on the read model, version-guarded upserts on the
    /// command side), so events need not be handled one after another; handled together, their
    /// read-model writes share commits. One consumer per group fell behind a hundred checkouts a second.
    /// </summary>
    public byte ConsumersPerGroup { get; set; } = 4;

    /// <summary>Whether committed events are sent by a background sender, concurrently, rather than inside the committing request.</summary>
    public bool ParallelSend { get; set; } = true;

    /// <summary>How long a failed delivery waits before CAP retries it.</summary>
    public int FailedRetryIntervalSeconds { get; set; } = 10;

    /// <summary>
    /// The outbox retries a message only once it is this old, so it never races a first send still in
    /// flight. CAP's 4 minutes would leave events of a broker outage undelivered that long; a duplicate
    /// from a shorter window costs nothing, since every consumer is idempotent.
    /// </summary>
    public int RetryLookbackSeconds { get; set; } = 30;

    /// <summary>How often the outbox backlog gauges (<c>library.outbox.pending</c>, <c>library.outbox.age</c>) are refreshed.</summary>
    public int BacklogSampleSeconds { get; set; } = 5;
}
