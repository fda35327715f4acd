using Library.Lending.Command.Domain;
using Microsoft.EntityFrameworkCore;

namespace Library.Lending.Command.Infrastructure;

/// <summary>Reads and locks of <c>lending.reader_categories</c>, in the manner of <see cref="CirculationLocks"/>.</summary>
internal static class CategoryStore
{
    /// <summary>
    /// The category a reader names, or null when the code has no row (the policy's terms then apply).
    /// Not tracked: the circulation commands only read it, to compute <see cref="LoanTerms.Effective"/>.
    /// </summary>
    public static Task<ReaderCategory?> CategoryOfAsync(this LendingDbContext db, string code, CancellationToken ct) =>
        db.Categories.AsNoTracking().SingleOrDefaultAsync(c => c.Code == code, ct);

    /// <summary>
    /// The category, its row locked until the transaction ends, so two admins' changes of one category run
    /// one after the other and the second sees the first's version (and answers 412 to a stale If-Match).
    /// Lock first, read in a second statement, for the reason <see cref="CirculationLocks"/> gives: the read
    /// then takes a snapshot after the lock wait and sees the previous holder's commit. Null: no such row,
    /// so nothing was locked (a concurrent create is settled by the primary key).
    /// </summary>
    public static async Task<ReaderCategory?> LockCategoryAsync(this LendingDbContext db, string code, CancellationToken ct) =>
        (await db.Database.SqlQuery<string>($"SELECT code AS \"Value\" FROM lending.reader_categories WHERE code = {code} FOR UPDATE").ToListAsync(ct)).Count == 0
            ? null
            : await db.Categories.SingleAsync(c => c.Code == code, ct);
}
