namespace Library.BuildingBlocks.Privacy;

/// <summary>
/// Removes a process's stored copies of messages about an erased person. A port, so modules need not
/// know the message store; the messaging building block implements it for CAP's outbox and inbox.
/// </summary>
public interface IPersonalDataPurge
{
    /// <summary>Deletes the delivered (or given-up) messages that mention <paramref name="subjectId"/>; returns how many.</summary>
    Task<int> PurgeMessagesAboutAsync(Guid subjectId, CancellationToken cancellationToken);
}
