using Library.Lending.Command.Domain;
using Microsoft.EntityFrameworkCore;

namespace Library.Lending.Command.Infrastructure;

/// <summary>
/// Row locks (<c>SELECT … FOR UPDATE</c>) that serialise the circulation commands which would
/// otherwise race: checkouts of one reader (the loan limit), checkouts of one copy, and changes of
/// one loan. Locks are always taken reader → copy, or loan → copy, so they cannot deadlock.
/// They hold until the command's transaction ends.
/// </summary>
internal static class CirculationLocks
{
    public static async Task<ReaderEligibility?> LockReaderAsync(this LendingDbContext db, Guid readerId, CancellationToken ct) =>
        (await db.Readers.FromSql($"SELECT * FROM lending.reader_eligibility WHERE reader_id = {readerId} FOR UPDATE").ToListAsync(ct))
            .SingleOrDefault();

    public static async Task<Copy?> LockCopyByBarcodeAsync(this LendingDbContext db, string barcode, CancellationToken ct) =>
        (await db.Copies.FromSql($"SELECT * FROM lending.copies WHERE barcode = {barcode} FOR UPDATE").ToListAsync(ct))
            .SingleOrDefault();

    public static async Task<Copy> LockCopyAsync(this LendingDbContext db, Guid copyId, CancellationToken ct) =>
        (await db.Copies.FromSql($"SELECT * FROM lending.copies WHERE id = {copyId} FOR UPDATE").ToListAsync(ct))
            .Single();

    public static async Task<Loan?> LockLoanAsync(this LendingDbContext db, Guid loanId, CancellationToken ct) =>
        (await db.Loans.FromSql($"SELECT * FROM lending.loans WHERE id = {loanId} FOR UPDATE").ToListAsync(ct))
            .SingleOrDefault();

    public static async Task<Loan?> LockLoanByFineAsync(this LendingDbContext db, Guid fineId, CancellationToken ct) =>
        (await db.Loans.FromSql($"SELECT * FROM lending.loans WHERE fine_id = {fineId} FOR UPDATE").ToListAsync(ct))
            .SingleOrDefault();

    /// <summary>What the reader has out now; call it while holding the reader's lock so no checkout slips in between.</summary>
    public static async Task<ReaderStanding> StandingAsync(this LendingDbContext db, Guid readerId, DateTimeOffset now, CancellationToken ct)
    {
        var loans = db.Loans.Where(l => l.ReaderId == readerId);
        var open = await loans.CountAsync(l => l.Status == LoanStatus.Active, ct);
        var overdue = await loans.CountAsync(l => l.Status == LoanStatus.Active && l.DueDate < now, ct);
        var owed = await loans
            .Where(l => l.Fine != null)
            .SumAsync(l => l.Fine!.LateFeeCents + l.Fine.LostFeeCents - l.Fine.PaidCents - l.Fine.WaivedCents, ct);
        return new ReaderStanding(open, overdue, owed);
    }
}
