using Library.Lending.Command.Domain;
using Library.Lending.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Library.Lending.Command.Infrastructure;

/// <summary>
/// Row locks (<c>SELECT … FOR UPDATE</c>) that serialise the circulation commands which would
/// otherwise race: checkouts of one reader (the loan limit), checkouts of one copy, changes of one
/// loan and its fine, changes of one title's holds, and changes of the policy. Locks are always taken
/// in one order, reader or loan → book (the title's hold queue) → copy → hold, each step optional, so
/// they cannot deadlock (ADR 0030). They hold until the command's transaction ends.
/// </summary>
/// <remarks>
/// Each lock is its own statement that returns only the key, and the entity is read by a second
/// statement once the lock is held. Under READ COMMITTED that second statement takes a new snapshot,
/// so it sees every column as committed by whoever held the lock before. Locking and materialising
/// in one EF query is not safe: EF wraps <c>FromSql</c> in a subquery and reads an owned type (the
/// loan's <see cref="Fine"/>) through a join on the same table, which PostgreSQL evaluates against
/// the statement's snapshot taken before the lock wait. Measured on that shape: 20 concurrent
/// payments of 200 on one fine left 200 paid at version 22, and a payment racing a waiver left the
/// balance at −1,000 in 7 of 8 rounds. The tracked entity must not already be in the context, or EF
/// would hand back the instance it holds instead of the fresh row; every lock here is the command's
/// first read of its row.
/// </remarks>
internal static class CirculationLocks
{
    public static async Task<ReaderEligibility?> LockReaderAsync(this LendingDbContext db, Guid readerId, CancellationToken ct) =>
        await LockedKeyAsync(db, $"SELECT reader_id AS \"Value\" FROM lending.reader_eligibility WHERE reader_id = {readerId} FOR UPDATE", ct) is { } id
            ? await db.Readers.SingleAsync(r => r.ReaderId == id, ct)
            : null;

    public static async Task<Copy?> LockCopyByBarcodeAsync(this LendingDbContext db, string barcode, CancellationToken ct) =>
        await LockedKeyAsync(db, $"SELECT id AS \"Value\" FROM lending.copies WHERE barcode = {barcode} FOR UPDATE", ct) is { } id
            ? await db.Copies.SingleAsync(c => c.Id == id, ct)
            : null;

    /// <summary>
    /// The title's row, locked: every change of a title's holds and of its trapped copies (placement, trap at a
    /// return, checkout, cancel, expiry) runs under it, so the queue is changed by one command at a time and the
    /// next waiting hold read under it is still next at commit.
    /// </summary>
    public static async Task<bool> LockBookAsync(this LendingDbContext db, string isbn, CancellationToken ct) =>
        (await db.Database.SqlQuery<string>($"SELECT isbn AS \"Value\" FROM lending.books WHERE isbn = {isbn} FOR UPDATE").ToListAsync(ct)).Count == 1;

    /// <summary>The title of the copy with <paramref name="barcode"/>, its book row locked as <see cref="LockBookAsync"/>; null: no such copy.</summary>
    public static async Task<string?> LockBookOfBarcodeAsync(this LendingDbContext db, string barcode, CancellationToken ct) =>
        (await db.Database.SqlQuery<string>(
            $"SELECT b.isbn AS \"Value\" FROM lending.books b JOIN lending.copies c ON c.isbn = b.isbn WHERE c.barcode = {barcode} FOR UPDATE OF b").ToListAsync(ct)) switch
        {
            [] => null,
            [var isbn] => isbn,
            _ => throw new InvalidOperationException("A barcode matched more than one copy."),
        };

    /// <summary>
    /// A hold with its title's row locked (<see cref="LockBookAsync"/>), read after the lock so it is as the last
    /// change of the title left it; null: no such hold. Every change of a hold is made under its title's lock, so
    /// the hold's own row needs none (its version still guards the update).
    /// </summary>
    public static async Task<Hold?> LockTitleOfHoldAsync(this LendingDbContext db, Guid holdId, CancellationToken ct)
    {
        // A hold's title never changes: reading it before the lock is safe.
        var isbn = await db.Holds.AsNoTracking().Where(h => h.Id == holdId).Select(h => h.Isbn).SingleOrDefaultAsync(ct);
        if (isbn is null)
        {
            return null;
        }

        await db.LockBookAsync(isbn, ct);
        return await db.Holds.SingleAsync(h => h.Id == holdId, ct);
    }

    public static async Task<Copy> LockCopyAsync(this LendingDbContext db, Guid copyId, CancellationToken ct) =>
        await LockedKeyAsync(db, $"SELECT id AS \"Value\" FROM lending.copies WHERE id = {copyId} FOR UPDATE", ct) is { } id
            ? await db.Copies.SingleAsync(c => c.Id == id, ct)
            : throw new InvalidOperationException($"Copy {copyId} of a loan does not exist.");

    public static async Task<Loan?> LockLoanAsync(this LendingDbContext db, Guid loanId, CancellationToken ct) =>
        await LockedKeyAsync(db, $"SELECT id AS \"Value\" FROM lending.loans WHERE id = {loanId} FOR UPDATE", ct) is { } id
            ? await db.Loans.SingleAsync(l => l.Id == id, ct)
            : null;

    public static async Task<Loan?> LockLoanByFineAsync(this LendingDbContext db, Guid fineId, CancellationToken ct) =>
        await LockedKeyAsync(db, $"SELECT id AS \"Value\" FROM lending.loans WHERE fine_id = {fineId} FOR UPDATE", ct) is { } id
            ? await db.Loans.SingleAsync(l => l.Id == id, ct)
            : null;

    /// <summary>The calendar with its closed days, its row locked until the transaction ends: calendar changes run one at a time.</summary>
    public static async Task<LibraryCalendar> LockCalendarAsync(this LendingDbContext db, CancellationToken ct)
    {
        await db.Database.SqlQuery<int>($"SELECT id AS \"Value\" FROM lending.calendar FOR UPDATE").ToListAsync(ct);
        return await db.Calendars.Include(c => c.Days).SingleAsync(ct);
    }

    /// <summary>The closed days from <paramref name="first"/> to <paramref name="last"/> (both inclusive): what a rule about those dates needs, no more.</summary>
    public static async Task<ClosedDays> ClosedDaysAsync(this LendingDbContext db, DateOnly first, DateOnly last, CancellationToken ct) =>
        last < first
            ? ClosedDays.None
            : new ClosedDays(await db.ClosedDays.AsNoTracking().Where(d => d.Date >= first && d.Date <= last).Select(d => d.Date).ToListAsync(ct));

    /// <summary>
    /// The policy and, in the same query, the closed days any due date a loan period from <paramref name="from"/>
    /// may fall on or pass over (the longest loan period, then a year): a checkout (from its time) or a renewal
    /// (from the due date) reads the calendar at no extra round trip.
    /// </summary>
    public static async Task<(LendingPolicy Policy, ClosedDays Closed)> PolicyWithClosedDaysAsync(this LendingDbContext db, DateTimeOffset from, CancellationToken ct)
    {
        var (first, last) = DueDateWindow(from);
        var loaded = await db.Policies
            .Select(p => new { Policy = p, Closed = db.ClosedDays.Where(d => d.Date >= first && d.Date <= last).Select(d => d.Date).ToList() })
            .SingleAsync(ct);
        return (loaded.Policy, new ClosedDays(loaded.Closed));
    }

    /// <summary>
    /// <see cref="PolicyWithClosedDaysAsync"/> and, in the same query, the terms of the reader's category
    /// (<see cref="LoanTerms.Effective"/>): a checkout or placement reads all it decides by in one round trip.
    /// </summary>
    public static async Task<(LendingPolicy Policy, LoanTerms Terms, ClosedDays Closed)> TermsWithClosedDaysAsync(
        this LendingDbContext db, string category, DateTimeOffset from, CancellationToken ct)
    {
        var (first, last) = DueDateWindow(from);
        var loaded = await db.Policies
            .Select(p => new
            {
                Policy = p,
                Category = db.Categories.AsNoTracking().Where(c => c.Code == category).OrderBy(c => c.Code).FirstOrDefault(),
                Closed = db.ClosedDays.Where(d => d.Date >= first && d.Date <= last).Select(d => d.Date).ToList(),
            })
            .SingleAsync(ct);
        return (loaded.Policy, LoanTerms.Effective(loaded.Policy, loaded.Category), new ClosedDays(loaded.Closed));
    }

    /// <summary>
    /// What a renewal decides by, in one query: the closed days the new due date may fall on or pass over (as
    /// <see cref="PolicyWithClosedDaysAsync"/>), and whether a reader waits for the title (<c>loan.title_on_hold</c>).
    /// </summary>
    public static async Task<(ClosedDays Closed, bool TitleHasWaitingHolds)> RenewalContextAsync(this LendingDbContext db, Loan loan, CancellationToken ct)
    {
        var (first, last) = DueDateWindow(loan.DueDate);
        var isbn = loan.Isbn;
        var loaded = await db.Policies
            .Select(p => new
            {
                Closed = db.ClosedDays.Where(d => d.Date >= first && d.Date <= last).Select(d => d.Date).ToList(),
                Held = db.Holds.Any(h => h.Isbn == isbn && h.Status == HoldStatus.Waiting),
            })
            .SingleAsync(ct);
        return (new ClosedDays(loaded.Closed), loaded.Held);
    }

    /// <summary>The closed days a loan due at <paramref name="dueDate"/> and closed at <paramref name="at"/> was late over; none when it was not late.</summary>
    public static Task<ClosedDays> ClosedDaysOfLatenessAsync(this LendingDbContext db, DateTimeOffset dueDate, DateTimeOffset at, CancellationToken ct) =>
        at <= dueDate
            ? Task.FromResult(ClosedDays.None)
            : db.ClosedDaysAsync(ClosedDays.DateOf(dueDate).AddDays(1), ClosedDays.DateOf(at), ct);

    /// <summary>The policy, locked so two changes of it run one after the other.</summary>
    public static async Task<LendingPolicy> LockPolicyAsync(this LendingDbContext db, CancellationToken ct)
    {
        await db.Database.SqlQuery<int>($"SELECT id AS \"Value\" FROM lending.lending_policy FOR UPDATE").ToListAsync(ct);
        return await db.Policies.SingleAsync(ct);
    }

    /// <summary>
    /// What the reader has out now; call it while holding the reader's lock so no checkout slips in
    /// between. One statement with three filtered aggregates over the reader's loans (it was three
    /// statements: two round trips of every checkout and renewal saved).
    /// </summary>
    public static async Task<ReaderStanding> StandingAsync(this LendingDbContext db, Guid readerId, DateTimeOffset now, CancellationToken ct)
    {
        var standing = await db.Loans
            .Where(l => l.ReaderId == readerId)
            .GroupBy(_ => 1)
            .Select(loans => new
            {
                Open = loans.Count(l => l.Status == LoanStatus.Active),
                Overdue = loans.Count(l => l.Status == LoanStatus.Active && l.DueDate < now),
                Owed = loans.Sum(l => l.Fine != null ? l.Fine.LateFeeCents + l.Fine.LostFeeCents - l.Fine.PaidCents - l.Fine.WaivedCents : 0L),
            })
            .SingleOrDefaultAsync(ct);
        return standing is null ? new ReaderStanding(0, 0, 0) : new ReaderStanding(standing.Open, standing.Overdue, standing.Owed);
    }

    /// <summary>
    /// Everything a checkout decides by besides the locked rows and the terms, in one statement (call it under the
    /// reader's and the title's locks): the reader's standing as <see cref="StandingAsync"/> counts it, the
    /// title's name, the reader the copy is trapped for (if it is on the hold shelf), and whether the reader has a
    /// live hold of the title (which the checkout fulfils). Holds added two queries to every checkout; folded in
    /// here the checkout stays at the eight EF commands it had before holds (CheckoutCostTests).
    /// </summary>
    public static async Task<CheckoutContext> CheckoutContextAsync(this LendingDbContext db, Guid readerId, Copy copy, DateTimeOffset now, CancellationToken ct)
    {
        var copyId = copy.Id;
        var isbn = copy.Isbn;
        var context = await db.Books
            .Where(b => b.Isbn == isbn)
            .Select(b => new
            {
                b.Title,
                Open = db.Loans.Count(l => l.ReaderId == readerId && l.Status == LoanStatus.Active),
                Overdue = db.Loans.Count(l => l.ReaderId == readerId && l.Status == LoanStatus.Active && l.DueDate < now),
                Owed = db.Loans
                    .Where(l => l.ReaderId == readerId && l.Fine != null)
                    .Sum(l => l.Fine!.LateFeeCents + l.Fine.LostFeeCents - l.Fine.PaidCents - l.Fine.WaivedCents),
                TrappedFor = db.Holds.Where(h => h.CopyId == copyId && h.Status == HoldStatus.Ready).Select(h => (Guid?)h.ReaderId).FirstOrDefault(),
                HoldsTitle = db.Holds.Any(h => h.ReaderId == readerId && h.Isbn == isbn && (h.Status == HoldStatus.Waiting || h.Status == HoldStatus.Ready)),
            })
            .SingleAsync(ct);
        return new CheckoutContext(new ReaderStanding(context.Open, context.Overdue, context.Owed), context.Title, context.TrappedFor, context.HoldsTitle);
    }

    /// <summary>
    /// The reader's live holds and whether they already hold or borrow the title, in one statement; call it under
    /// the reader's lock, like <see cref="StandingAsync"/>.
    /// </summary>
    public static async Task<HoldStanding> HoldStandingAsync(this LendingDbContext db, Guid readerId, string isbn, CancellationToken ct)
    {
        var standing = await db.Readers
            .Where(r => r.ReaderId == readerId)
            .Select(r => new
            {
                Live = db.Holds.Count(h => h.ReaderId == readerId && (h.Status == HoldStatus.Waiting || h.Status == HoldStatus.Ready)),
                Title = db.Holds.Any(h => h.ReaderId == readerId && h.Isbn == isbn && (h.Status == HoldStatus.Waiting || h.Status == HoldStatus.Ready))
                    || db.Loans.Any(l => l.ReaderId == readerId && l.Isbn == isbn && l.Status == LoanStatus.Active),
            })
            .SingleAsync(ct);
        return new HoldStanding(standing.Live, standing.Title);
    }

    /// <summary>The days a due date a loan period (or a pickup period) from <paramref name="from"/> may fall on or pass over: the longest loan period, then a year.</summary>
    private static (DateOnly First, DateOnly Last) DueDateWindow(DateTimeOffset from)
    {
        var first = ClosedDays.DateOf(from);
        return (first, first.AddDays(LendingPolicy.MaxLoanPeriodDays + 366));
    }

    private static async Task<Guid?> LockedKeyAsync(LendingDbContext db, FormattableString lockSql, CancellationToken ct) =>
        (await db.Database.SqlQuery<Guid>(lockSql).ToListAsync(ct)) switch
        {
            [] => null,
            [var id] => id,
            _ => throw new InvalidOperationException("A lock by a unique key matched more than one row."),
        };
}

/// <summary>What <see cref="CirculationLocks.CheckoutContextAsync"/> reads.</summary>
internal sealed record CheckoutContext(ReaderStanding Standing, string Title, Guid? TrappedFor, bool ReaderHoldsTitle);
