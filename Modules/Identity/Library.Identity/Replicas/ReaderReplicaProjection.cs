using DotNetCore.CAP;
using Library.BuildingBlocks.Privacy;
using Library.Identity.Infrastructure;
using Library.Reader.Contracts;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;

namespace Library.Identity.Replicas;

/// <summary>
/// Keeps <c>identity.readers</c> at the newest reader version it has seen: one guarded upsert per
/// event, so redelivered and out-of-order events are harmless. Erasure also deletes the reader's
/// account and tokens, and the delivered messages that mention them.
/// </summary>
internal sealed class ReaderReplicaProjection(
    IdentityDbContext db,
    IPersonalDataPurge purge) : ICapSubscribe
{
    public const string Group = IdentityModule.Name;

    [CapSubscribe(ReaderTopics.Registered, Group = Group)]
    public Task On(ReaderRegistered message, CancellationToken cancellationToken) =>
        UpsertAsync(message.ReaderId, message.Version, message.Reader, cancellationToken);

    [CapSubscribe(ReaderTopics.Updated, Group = Group)]
    public Task On(ReaderUpdated message, CancellationToken cancellationToken) =>
        UpsertAsync(message.ReaderId, message.Version, message.Reader, cancellationToken);

    [CapSubscribe(ReaderTopics.Suspended, Group = Group)]
    public Task On(ReaderSuspended message, CancellationToken cancellationToken) =>
        UpsertAsync(message.ReaderId, message.Version, message.Reader, cancellationToken);

    [CapSubscribe(ReaderTopics.Reactivated, Group = Group)]
    public Task On(ReaderReactivated message, CancellationToken cancellationToken) =>
        UpsertAsync(message.ReaderId, message.Version, message.Reader, cancellationToken);

    [CapSubscribe(ReaderTopics.Erased, Group = Group)]
    public async Task On(ReaderErased message, CancellationToken cancellationToken)
    {
        await UpsertAsync(message.ReaderId, message.Version, message.Reader, cancellationToken);

        // Whatever version this replica held: an erased reader never signs in again. Their refresh
        // tokens and authorizations go with the account (deleted, not revoked: nothing of theirs stays); an access token already issued lives out its 15 minutes at most.
        await db.Accounts.Where(a => a.Id == message.ReaderId || a.ReaderId == message.ReaderId).ExecuteDeleteAsync(cancellationToken);
        var subject = message.ReaderId.ToString();
        await db.Set<OpenIddictEntityFrameworkCoreToken>().Where(t => t.Subject == subject).ExecuteDeleteAsync(cancellationToken);
        await db.Set<OpenIddictEntityFrameworkCoreAuthorization>().Where(a => a.Subject == subject).ExecuteDeleteAsync(cancellationToken);
        await purge.PurgeMessagesAboutAsync(message.ReaderId, cancellationToken);
    }

    private async Task UpsertAsync(Guid readerId, long version, ReaderSnapshot reader, CancellationToken cancellationToken)
    {
        var erased = reader.Status == ReaderStatuses.Erased;
        var number = erased ? null : reader.ReaderNumber;
        var email = erased || reader.Email is null ? null : ReaderReplica.NormalizeEmail(reader.Email);
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO identity.readers AS current (reader_id, version, reader_number, email_normalized, erased)
            VALUES ({readerId}, {version}, {number}, {email}, {erased})
            ON CONFLICT (reader_id) DO UPDATE
            SET version = excluded.version, reader_number = excluded.reader_number,
                email_normalized = excluded.email_normalized, erased = excluded.erased
            WHERE current.version < excluded.version AND NOT current.erased
            """,
            cancellationToken);
    }
}
