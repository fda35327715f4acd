namespace Library.BuildingBlocks.Persistence;

/// <summary>An integration event waiting to be written to the CAP outbox with the state change that caused it.</summary>
public sealed record OutboxMessage(string Topic, object Payload);

/// <summary>The events one command produces; they are stored only if the command's transaction commits.</summary>
public sealed class OutboxBatch
{
    private readonly List<OutboxMessage> _messages = [];

    public IReadOnlyList<OutboxMessage> Messages => _messages;

    public void Add(string topic, object payload) => _messages.Add(new OutboxMessage(topic, payload));
}
