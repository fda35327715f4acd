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

    /// <summary>Schema of CAP's outbox and inbox tables.</summary>
    public string Schema { get; set; } = "cap";

    /// <summary>
    /// Delivered events carry personal data (names, e-mail addresses), so they are kept only as long
    /// as troubleshooting needs, not the 24 hours CAP defaults to. GDPR erasure relies on this bound.
    /// </summary>
    public int SucceededMessageRetentionSeconds { get; set; } = 3600;

    /// <summary>How long a failed delivery waits before CAP retries it.</summary>
    public int FailedRetryIntervalSeconds { get; set; } = 10;
}
