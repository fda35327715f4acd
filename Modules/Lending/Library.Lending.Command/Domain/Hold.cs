using Library.BuildingBlocks.Contracts;
using Library.BuildingBlocks.Results;
using Library.Lending.Contracts;

namespace Library.Lending.Command.Domain;

internal enum HoldStatus
{
    Waiting,
    Ready,
    Fulfilled,
    Cancelled,
    Expired,
}

/// <summary>
/// A reader's title-level hold (spec section 6). It waits in its title's queue, ordered by
/// <see cref="QueueNumber"/> (first come, first served), until a returned copy is trapped for it; then it is
/// ready, with the copy on the hold shelf until <see cref="PickupBy"/>. It ends fulfilled (its reader checked
/// out a copy of the title), cancelled (by the reader, staff, or the system for an erased reader) or expired
/// (not collected in time). Every change bumps <see cref="Version"/>, which the hold events carry; every change
/// is made under the title's lock (ADR 0030), and the database keeps one live hold per reader and title and
/// one ready hold per copy whatever races.
/// </summary>
internal sealed class Hold
{
    private Hold()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>Drawn from a database sequence at insert: increasing in placement order across the library.</summary>
    public long QueueNumber { get; private set; }

    public Guid ReaderId { get; private set; }

    /// <summary>Copied at placement: a reader number is never changed or reused, so the events need no reader lookup.</summary>
    public string ReaderNumber { get; private set; } = "";

    public string Isbn { get; private set; } = "";

    public string Title { get; private set; } = "";

    public HoldStatus Status { get; private set; }

    public DateTimeOffset PlacedAt { get; private set; }

    public Actor PlacedBy { get; private set; } = Actor.Anonymous;

    public Guid? CopyId { get; private set; }

    public string? Barcode { get; private set; }

    public DateTimeOffset? ReadyAt { get; private set; }

    public DateTimeOffset? PickupBy { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public Actor? ClosedBy { get; private set; }

    public Guid? LoanId { get; private set; }

    public long Version { get; private set; }

    public bool IsLive => Status is HoldStatus.Waiting or HoldStatus.Ready;

    /// <summary>
    /// A new waiting hold, unless a rule refuses it: the reader's refusals a checkout would give (spec section 6),
    /// then one live hold or loan per title, then the reader's hold limit (<see cref="LoanTerms.MaxHolds"/>).
    /// </summary>
    public static Result<Hold> Place(
        Guid id,
        ReaderEligibility reader,
        ReaderStanding standing,
        HoldStanding holds,
        Book book,
        LendingPolicy policy,
        LoanTerms terms,
        Actor by,
        DateTimeOffset now)
    {
        if (Loan.ReaderRefusal(reader, standing, policy, terms) is { } refusal)
        {
            return refusal;
        }

        if (holds.HoldsOrBorrowsTitle)
        {
            return LendingErrors.HoldAlreadyHeld(book.Isbn);
        }

        if (holds.LiveHolds >= terms.MaxHolds)
        {
            return LendingErrors.HoldLimitReached(terms.MaxHolds);
        }

        return new Hold
        {
            Id = id,
            ReaderId = reader.ReaderId,
            ReaderNumber = reader.ReaderNumber,
            Isbn = book.Isbn,
            Title = book.Title,
            Status = HoldStatus.Waiting,
            PlacedAt = now,
            PlacedBy = by,
            Version = 1,
        };
    }

    /// <summary>
    /// Traps <paramref name="copy"/> for this waiting hold: the hold is ready until <paramref name="pickupBy"/>
    /// and the copy goes to the hold shelf.
    /// </summary>
    public void Trap(Copy copy, DateTimeOffset now, DateTimeOffset pickupBy)
    {
        EnsureStatus(HoldStatus.Waiting);
        copy.Trap();
        Status = HoldStatus.Ready;
        CopyId = copy.Id;
        Barcode = copy.Barcode;
        ReadyAt = now;
        PickupBy = pickupBy;
        Version++;
    }

    /// <summary>Whether the hold is ready and its pickup date has passed at <paramref name="now"/>.</summary>
    public bool IsUncollected(DateTimeOffset now) => Status == HoldStatus.Ready && PickupBy < now;

    /// <summary>Cancels a live hold; a ready one releases its copy (the caller passes it on: next hold or shelf).</summary>
    public Result Cancel(Actor by, DateTimeOffset now)
    {
        if (!IsLive)
        {
            return LendingErrors.HoldClosed(StatusName(Status));
        }

        Close(HoldStatus.Cancelled, by, now);
        return Result.Success();
    }

    /// <summary>Expires a ready hold not collected by its pickup date; the caller passes the copy on.</summary>
    public void Expire(Actor by, DateTimeOffset now)
    {
        EnsureStatus(HoldStatus.Ready);
        Close(HoldStatus.Expired, by, now);
    }

    /// <summary>The hold's reader checked out a copy of the title (the trapped one, or one from the shelf).</summary>
    public void Fulfil(Guid loanId, Actor by, DateTimeOffset now)
    {
        if (!IsLive)
        {
            throw new InvalidOperationException($"Hold {Id} is {Status}, not live.");
        }

        LoanId = loanId;
        Close(HoldStatus.Fulfilled, by, now);
    }

    public static string StatusName(HoldStatus status) => status switch
    {
        HoldStatus.Waiting => HoldStatuses.Waiting,
        HoldStatus.Ready => HoldStatuses.Ready,
        HoldStatus.Fulfilled => HoldStatuses.Fulfilled,
        HoldStatus.Cancelled => HoldStatuses.Cancelled,
        HoldStatus.Expired => HoldStatuses.Expired,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    private void Close(HoldStatus status, Actor by, DateTimeOffset now)
    {
        Status = status;
        ClosedAt = now;
        ClosedBy = by;
        Version++;
    }

    private void EnsureStatus(HoldStatus expected)
    {
        if (Status != expected)
        {
            throw new InvalidOperationException($"Hold {Id} is {Status}, not {expected}.");
        }
    }
}

/// <summary>What a reader has on hold at a placement, read under the reader's lock and the title's.</summary>
internal sealed record HoldStanding(int LiveHolds, bool HoldsOrBorrowsTitle);
