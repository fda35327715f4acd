using Library.BuildingBlocks.Results;
using Library.BuildingBlocks.Security;
using Library.Identity.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace Library.Identity.Accounts.SetReaderCredentials;

internal sealed class SetReaderCredentialsHandler(
    IdentityDbContext db,
    Passwords passwords,
    IOpenIddictTokenManager tokens,
    TimeProvider clock) : ICommandHandler<SetReaderCredentialsCommand, Result>
{
    public async ValueTask<Result> Handle(SetReaderCredentialsCommand command, CancellationToken cancellationToken)
    {
        var (readerId, body, actor) = command;

        // Another reader's credentials do not exist as far as a reader can tell.
        if (!actor.MayActOnReader(readerId))
        {
            return IdentityErrors.ReaderNotFound(readerId);
        }

        var changingOwn = !actor.IsStaff;
        if (changingOwn && string.IsNullOrEmpty(body.CurrentPassword))
        {
            return IdentityErrors.CurrentPasswordRequired();
        }

        // The slow hashes first, outside any lock.
        var hash = passwords.Hash(body.Password!);
        var existing = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == readerId, cancellationToken);
        var currentVerified = changingOwn && passwords.Verify(existing, body.CurrentPassword!);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // The replica row's lock orders this change against the reader's erasure (which updates the row
        // before it deletes the account): either the erasure sees the new account and deletes it, or we
        // see the reader erased.
        var present = await db.Database
            .SqlQuery<Guid>($"SELECT reader_id AS \"Value\" FROM identity.readers WHERE reader_id = {readerId} AND NOT erased FOR UPDATE")
            .ToListAsync(cancellationToken);
        if (present.Count == 0)
        {
            return IdentityErrors.ReaderNotFound(readerId);
        }

        var now = clock.GetUtcNow();
        var account = await db.LockAsync(readerId, cancellationToken);
        if (changingOwn)
        {
            if (account is null || account.IsLockedAt(now) || !currentVerified)
            {
                // A wrong current password counts like a failed sign-in, so a stolen token cannot guess it.
                if (account is not null && !account.IsLockedAt(now))
                {
                    account.RecordFailure(now);
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                }

                return IdentityErrors.CurrentPasswordIncorrect();
            }
        }

        if (account is null)
        {
            db.Accounts.Add(new Account
            {
                Id = readerId,
                ReaderId = readerId,
                Role = LibraryRoles.Reader,
                PasswordHash = hash,
                CreatedAt = now,
                PasswordChangedAt = now,
            });
        }
        else
        {
            // A reset by staff also lifts a lockout: that is what a reader at the desk asks for.
            account.SetPassword(hash, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // Sessions signed in with the old password end: their refresh tokens no longer work.
        await tokens.RevokeBySubjectAsync(readerId.ToString(), cancellationToken);
        return Result.Success();
    }
}
