using DotNetCore.CAP;
using Library.BuildingBlocks.Contracts;
using Library.BuildingBlocks.Privacy;
using Library.BuildingBlocks.Security;
using Library.Lending.Command.Domain;
using Library.Lending.Command.Holds.CancelHold;
using Library.Lending.Command.Infrastructure;
using Library.Reader.Contracts;
using Microsoft.EntityFrameworkCore;
using LendingMediator = Library.Lending.Command.Messaging.Mediator;

namespace Library.Lending.Command.Replicas;

/// <summary>
/// Keeps <c>lending.reader_eligibility</c> at the newest reader version it has seen. The upsert's
/// version guard makes redelivered and out-of-order reader events harmless, and it is one statement,
/// so it is atomic against concurrent deliveries and against a checkout holding the row's lock.
/// </summary>
internal sealed class ReaderEligibilityProjection(LendingDbContext db, IPersonalDataPurge purge, LendingMediator mediator) : ICapSubscribe
{
    public const string Group = LendingCommandModule.Name;

    [CapSubscribe(ReaderTopics.Registered, Group = Group)]
    public Task On(ReaderRegistered message, CancellationToken cancellationToken) =>
        Apply(message.ReaderId, message.Version, message.Reader, cancellationToken);

    [CapSubscribe(ReaderTopics.Updated, Group = Group)]
    public Task On(ReaderUpdated message, CancellationToken cancellationToken) =>
        Apply(message.ReaderId, message.Version, message.Reader, cancellationToken);

    [CapSubscribe(ReaderTopics.Suspended, Group = Group)]
    public Task On(ReaderSuspended message, CancellationToken cancellationToken) =>
        Apply(message.ReaderId, message.Version, message.Reader, cancellationToken);

    [CapSubscribe(ReaderTopics.Reactivated, Group = Group)]
    public Task On(ReaderReactivated message, CancellationToken cancellationToken) =>
        Apply(message.ReaderId, message.Version, message.Reader, cancellationToken);

    /// <summary>
    /// Besides the replica: free text on the reader's loans may name them (a return comment, a waiver
    /// reason), so it goes too, and so do the delivered messages that mention the reader. No rule reads
    /// that text and no event carries the change: the query side clears its copy on this same event.
    /// An erased reader's live holds are cancelled, each as a cancel command by the system acting for the
    /// reader (one transaction and <c>hold.cancelled</c> each; a trapped copy goes to the next reader). A
    /// redelivery finds them cancelled and does nothing more; a crash midway leaves the rest to it.
    /// </summary>
    [CapSubscribe(ReaderTopics.Erased, Group = Group)]
    public async Task On(ReaderErased message, CancellationToken cancellationToken)
    {
        await Apply(message.ReaderId, message.Version, message.Reader, cancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE lending.loans SET return_comment = NULL, fine_waiver_reason = NULL
            WHERE reader_id = {message.ReaderId} AND (return_comment IS NOT NULL OR fine_waiver_reason IS NOT NULL)
            """,
            cancellationToken);
        await purge.PurgeMessagesAboutAsync(message.ReaderId, cancellationToken);

        var live = await db.Holds.AsNoTracking()
            .Where(h => h.ReaderId == message.ReaderId && (h.Status == HoldStatus.Waiting || h.Status == HoldStatus.Ready))
            .Select(h => h.Id)
            .ToListAsync(cancellationToken);
        var system = new Caller(LendingCommandModule.Name, Actor.SystemRole, message.ReaderId);
        foreach (var holdId in live)
        {
            // hold.closed: cancelled meanwhile (by the reader, a desk, or an earlier delivery of this event).
            await mediator.Send(new CancelHoldCommand(holdId, null, system), cancellationToken);
        }
    }

    private Task Apply(Guid readerId, long version, ReaderSnapshot reader, CancellationToken cancellationToken) =>
        UpsertAsync(db, readerId, version, reader, cancellationToken);

    /// <summary>The guarded upsert, also run by the erasure check inside its own transaction.</summary>
    internal static async Task UpsertAsync(LendingDbContext db, Guid readerId, long version, ReaderSnapshot reader, CancellationToken cancellationToken)
    {
        var status = StatusOf(reader.Status).ToString();
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO lending.reader_eligibility AS current (reader_id, version, reader_number, name, status, category)
            VALUES ({readerId}, {version}, {reader.ReaderNumber}, {reader.Name}, {status}, {reader.Category})
            ON CONFLICT (reader_id) DO UPDATE
            SET version = excluded.version, reader_number = excluded.reader_number, name = excluded.name, status = excluded.status,
                category = excluded.category
            WHERE current.version < excluded.version
            """,
            cancellationToken);
    }

    private static ReaderEligibilityStatus StatusOf(string status) => status switch
    {
        ReaderStatuses.Active => ReaderEligibilityStatus.Active,
        ReaderStatuses.Suspended => ReaderEligibilityStatus.Suspended,
        ReaderStatuses.Erased => ReaderEligibilityStatus.Erased,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown reader status."),
    };
}
