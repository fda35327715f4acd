using Library.Identity.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Library.Identity.Infrastructure;

internal static class AccountLocks
{
    /// <summary>
    /// Locks the account's row, then reads it in a new statement (docs/adr/0001: lock, then read), so
    /// concurrent failed sign-ins each count and a lockout is never lost to a stale read.
    /// Must run inside a transaction.
    /// </summary>
    public static async Task<Account?> LockAsync(this IdentityDbContext db, Guid accountId, CancellationToken cancellationToken)
    {
        var locked = await db.Database
            .SqlQuery<Guid>($"SELECT id AS \"Value\" FROM identity.accounts WHERE id = {accountId} FOR UPDATE")
            .ToListAsync(cancellationToken);
        return locked.Count == 0 ? null : await db.Accounts.SingleAsync(a => a.Id == accountId, cancellationToken);
    }
}
