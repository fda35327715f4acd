namespace Library.BuildingBlocks.Persistence;

/// <summary>An integration event waiting to be written to the CAP outbox with the state change that caused it.</summary>
public sealed record OutboxMessage(string Topic, object Payload);

/// <summary>The events one command produces; they are stored only if the command's transaction commits.</summary>
public sealed class OutboxBatch
{
    private readonly List<(string Topic, Func<object> Payload)> _messages = [];

    /// <summary>The events in the order added; read once the changes are saved (see <see cref="AddAfterSave"/>).</summary>
    public IReadOnlyList<OutboxMessage> Messages => [.. _messages.Select(m => new OutboxMessage(m.Topic, m.Payload()))];

    public void Add(string topic, object payload) => _messages.Add((topic, () => payload));

    /// <summary>
    /// An event built after the command's changes are saved, in the same transaction: for a payload that carries
    /// what the database generates at insert (a hold's queue number, an identity column).
    /// </summary>
    public void AddAfterSave(string topic, Func<object> payload) => _messages.Add((topic, payload));
}
