using Library.BuildingBlocks.Contracts;
using Library.BuildingBlocks.Persistence;
using Library.BuildingBlocks.Results;
using Library.Lending.Command.Domain;
using Library.Lending.Command.Holds;
using Library.Lending.Command.Infrastructure;
using Library.Lending.Contracts;

namespace Library.Lending.Command.Loans;

/// <summary>
/// The one return of a loan, shared by <c>POST /api/loans/{loanId}/return</c> and the desk's check-in by
/// barcode, so both apply the same rules and publish the same events. What happens to the copy next
/// (back to the shelf, or trapped for a waiting hold) is decided here, once, for both.
/// </summary>
internal static class LoanReturns
{
    /// <summary>
    /// Returns <paramref name="loan"/>, which the caller has locked (the loan's lock first, then the title's and
    /// the copy's here: the order of <see cref="CirculationLocks"/>). Runs inside the caller's unit of work; a failure rolls it back.
    /// </summary>
    public static async Task<Result<LoanReturn>> ReturnAsync(
        this LendingDbContext db,
        OutboxBatch outbox,
        Loan loan,
        string? comment,
        Actor actor,
        DateTimeOffset returnedAt,
        DateTimeOffset now,
        CancellationToken ct)
    {
        // Loan → title → copy (ADR 0030): the title's lock makes the trap below see its queue as it is.
        await db.LockBookAsync(loan.Isbn, ct);
        var copy = await db.LockCopyAsync(loan.CopyId, ct);
        // A return on time (most of them) needs no calendar: no round trip for it.
        var closed = await db.ClosedDaysOfLatenessAsync(loan.DueDate, returnedAt, ct);
        var returned = loan.Return(copy, comment, actor, returnedAt, Guid.CreateVersion7(now), closed);
        if (!returned.IsSuccess)
        {
            return returned.Error;
        }

        // The copy goes to the first waiting hold of its title, or back to the shelf; the pickup days count from
        // the check-in's time (an offline check-in's occurredAt).
        var trapped = await db.PassOnAsync(outbox, copy, actor, now, ct, at: returnedAt);
        var reader = await db.ReaderOfAsync(loan, ct);
        var copySnapshot = LoanEventFactory.Snapshot(copy);
        outbox.AddClosingEvents(
            loan,
            LoanEventFactory.Snapshot(loan, reader),
            LendingTopics.LoanReturned,
            (version, snapshot) => new LoanReturned(Guid.CreateVersion7(now), now, actor, loan.Id, version, returned.Value, snapshot, copySnapshot),
            actor,
            now);

        return new LoanReturn(
            loan.Id,
            new ReaderReference(reader.ReaderId, reader.ReaderNumber),
            loan.ReturnedAt!.Value,
            returned.Value,
            FineResponse.From(loan),
            trapped is null ? CopyRoutes.Shelf : CopyRoutes.HoldShelf,
            trapped is null ? null : new TrappedHold(trapped.Id, trapped.ReaderId, trapped.ReaderNumber, trapped.PickupBy!.Value),
            loan.Version);
    }
}

/// <summary>What a return did: the loan as closed, the fine it assessed, and where the copy goes now.</summary>
internal sealed record LoanReturn(
    Guid LoanId,
    ReaderReference Reader,
    DateTimeOffset ReturnedAt,
    int DaysOverdue,
    FineResponse? Fine,
    string RouteTo,
    TrappedHold? Hold,
    long Version);

/// <summary>The reader of a loan as the desk needs them: whom to hand the receipt or the fine to.</summary>
internal sealed record ReaderReference(Guid ReaderId, string ReaderNumber);

/// <summary>The hold a returned copy was trapped for: whose it is and until when it waits on the hold shelf.</summary>
internal sealed record TrappedHold(Guid HoldId, Guid ReaderId, string ReaderNumber, DateTimeOffset PickupBy);

/// <summary>Where the desk puts a checked-in copy (the <c>routeTo</c> of a check-in).</summary>
internal static class CopyRoutes
{
    public const string Shelf = "shelf";
    public const string HoldShelf = "hold_shelf";
}
