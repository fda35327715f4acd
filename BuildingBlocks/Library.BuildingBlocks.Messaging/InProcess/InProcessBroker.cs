using System.Threading.Channels;
using DotNetCore.CAP.Messages;

namespace Library.BuildingBlocks.Messaging.InProcess;

/// <summary>
/// A topic exchange inside one process, with RabbitMQ's shape: a queue per consumer group, bound to
/// topics; each published message is copied to every bound group's queue, and consumers of one group
/// compete for its queue. Durability is not its job: CAP's outbox in PostgreSQL is.
/// </summary>
public sealed class InProcessBroker
{
    /// <summary>
    /// Messages for a topic nobody has bound yet (the host is still starting its consumers) are kept
    /// for the first group that binds it, up to this many; beyond that the oldest are dropped.
    /// </summary>
    internal const int MaxUnroutedMessages = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Channel<TransportMessage>> _queues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _groupsByTopic = new(StringComparer.Ordinal);
    private readonly LinkedList<TransportMessage> _unrouted = new();

    public void Bind(string group, IEnumerable<string> topics)
    {
        lock (_gate)
        {
            var queue = QueueLocked(group);
            foreach (var topic in topics)
            {
                if (!_groupsByTopic.TryGetValue(topic, out var groups))
                {
                    _groupsByTopic[topic] = groups = new HashSet<string>(StringComparer.Ordinal);
                }

                groups.Add(group);
            }

            for (var node = _unrouted.First; node is not null;)
            {
                var next = node.Next;
                if (_groupsByTopic.TryGetValue(node.Value.GetName(), out var bound) && bound.Contains(group))
                {
                    queue.Writer.TryWrite(ForGroup(node.Value, group));
                    _unrouted.Remove(node);
                }

                node = next;
            }
        }
    }

    public void Publish(TransportMessage message)
    {
        lock (_gate)
        {
            if (!_groupsByTopic.TryGetValue(message.GetName(), out var groups) || groups.Count == 0)
            {
                _unrouted.AddLast(message);
                if (_unrouted.Count > MaxUnroutedMessages)
                {
                    _unrouted.RemoveFirst();
                }

                return;
            }

            foreach (var group in groups)
            {
                _queues[group].Writer.TryWrite(ForGroup(message, group));
            }
        }
    }

    /// <summary>Puts a message the consumer could not take back at the end of its group's queue.</summary>
    public void Requeue(string group, TransportMessage message)
    {
        lock (_gate)
        {
            QueueLocked(group).Writer.TryWrite(message);
        }
    }

    public ChannelReader<TransportMessage> Queue(string group)
    {
        lock (_gate)
        {
            return QueueLocked(group).Reader;
        }
    }

    private Channel<TransportMessage> QueueLocked(string group)
    {
        if (!_queues.TryGetValue(group, out var queue))
        {
            _queues[group] = queue = Channel.CreateUnbounded<TransportMessage>(new UnboundedChannelOptions { SingleReader = false });
        }

        return queue;
    }

    /// <summary>CAP routes a delivery to a subscriber by the group header, as a broker's queue would.</summary>
    private static TransportMessage ForGroup(TransportMessage message, string group) =>
        new(new Dictionary<string, string?>(message.Headers, StringComparer.Ordinal) { [Headers.Group] = group }, message.Body);
}
