using Library.BuildingBlocks.Results;
using Library.BuildingBlocks.Security;
using Library.Identity.Accounts;
using Library.Identity.Infrastructure;
using Library.Identity.Replicas;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Library.Identity.Tokens.Exchange;

internal sealed class PasswordSignInHandler(IdentityDbContext db, Passwords passwords, TimeProvider clock)
    : ICommandHandler<PasswordSignInCommand, Result<SignedInAccount>>, IQueryHandler<CurrentAccountQuery, Result<SignedInAccount>>
{
    public async ValueTask<Result<SignedInAccount>> Handle(PasswordSignInCommand command, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(command.Username) || string.IsNullOrEmpty(command.Password) || command.Password.Length > PasswordRules.MaxLength)
        {
            return IdentityErrors.SignInFailed();
        }

        var (account, username) = await FindAsync(command.Username.Trim(), cancellationToken);

        // Verified even when nothing matched (against a dummy hash), so timing does not reveal accounts.
        var verified = passwords.Verify(account, command.Password);
        if (account is null)
        {
            return IdentityErrors.SignInFailed();
        }

        var now = clock.GetUtcNow();
        if (account.IsLockedAt(now))
        {
            return IdentityErrors.SignInFailed();
        }

        if (!verified || account.FailedSignIns > 0)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var locked = await db.LockAsync(account.Id, cancellationToken);
            if (locked is null || locked.IsLockedAt(now))
            {
                return IdentityErrors.SignInFailed();
            }

            if (verified)
            {
                locked.ResetFailures();
            }
            else
            {
                locked.RecordFailure(now);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (!verified)
            {
                return IdentityErrors.SignInFailed();
            }
        }

        return new SignedInAccount(account.Id, account.Role, username!, account.ReaderId);
    }

    public async ValueTask<Result<SignedInAccount>> Handle(CurrentAccountQuery query, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == query.AccountId, cancellationToken);
        if (account is null || account.IsLockedAt(clock.GetUtcNow()))
        {
            return IdentityErrors.SignInFailed();
        }

        if (account.Role != LibraryRoles.Reader)
        {
            return new SignedInAccount(account.Id, account.Role, account.Username!, null);
        }

        var reader = await db.Readers.AsNoTracking().SingleOrDefaultAsync(r => r.ReaderId == account.Id && !r.Erased, cancellationToken);
        return reader is null
            ? IdentityErrors.SignInFailed()
            : new SignedInAccount(account.Id, account.Role, reader.ReaderNumber!, account.ReaderId);
    }

    /// <summary>
    /// Staff usernames cannot contain '@' or '/', so an e-mail or a reader number (YYYY/N) names a
    /// reader and anything else a staff account. An e-mail two readers share in the replica (a change
    /// still in flight) signs in neither.
    /// </summary>
    private async Task<(Account? Account, string? Username)> FindAsync(string login, CancellationToken cancellationToken)
    {
        if (login.Contains('@', StringComparison.Ordinal) || login.Contains('/', StringComparison.Ordinal))
        {
            var email = ReaderReplica.NormalizeEmail(login);
            var readers = await db.Readers.AsNoTracking()
                .Where(r => !r.Erased && (r.ReaderNumber == login || r.EmailNormalized == email))
                .Take(2)
                .ToListAsync(cancellationToken);
            if (readers.Count != 1)
            {
                return (null, null);
            }

            var reader = readers[0];
            var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == reader.ReaderId, cancellationToken);
            return (account, reader.ReaderNumber);
        }

        var username = login.ToLowerInvariant();
        var staff = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Username == username, cancellationToken);
        return (staff, staff?.Username);
    }
}
