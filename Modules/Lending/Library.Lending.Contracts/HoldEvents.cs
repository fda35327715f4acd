using Library.BuildingBlocks.Contracts;

namespace Library.Lending.Contracts;

/// <summary>
/// A title-level hold as it is after the change (spec section 6). <paramref name="QueueNumber"/> orders the
/// holds of a title, first come first served: a hold's position is one more than the number of waiting holds
/// of its title with a lower queue number, so consumers compute positions rather than receive them (a position
/// changes with every other hold of the title; the queue number never does). <paramref name="CopyId"/>,
/// <paramref name="Barcode"/>, <paramref name="ReadyAt"/> and <paramref name="PickupBy"/> are set while a copy
/// is trapped for it; <paramref name="LoanId"/> once a checkout fulfilled it. No personal data: the reader is
/// named by id and number only.
/// </summary>
public sealed record HoldSnapshot(
    Guid HoldId,
    long QueueNumber,
    Guid ReaderId,
    string ReaderNumber,
    string Isbn,
    string Title,
    string Status,
    DateTimeOffset PlacedAt,
    Actor PlacedBy,
    Guid? CopyId,
    string? Barcode,
    DateTimeOffset? ReadyAt,
    DateTimeOffset? PickupBy,
    DateTimeOffset? ClosedAt,
    Actor? ClosedBy,
    Guid? LoanId);

/// <summary><c>hold.placed</c>: a waiting hold joined its title's queue.</summary>
public sealed record HoldPlaced(Guid EventId, DateTimeOffset OccurredAt, Actor Actor, Guid HoldId, long Version, HoldSnapshot Hold);

/// <summary><c>hold.ready</c>: a copy was trapped for the hold and waits on the hold shelf until <c>pickupBy</c>.</summary>
public sealed record HoldReady(Guid EventId, DateTimeOffset OccurredAt, Actor Actor, Guid HoldId, long Version, HoldSnapshot Hold, CopySnapshot Copy);

/// <summary>
/// <c>hold.cancelled</c>, by the reader or staff (or by the system for an erased reader). <paramref name="Copy"/>
/// is the copy a ready hold released, as it is after the change (back on the shelf, or trapped for the next hold,
/// whose <c>hold.ready</c> follows in the same transaction); null for a waiting hold.
/// </summary>
public sealed record HoldCancelled(Guid EventId, DateTimeOffset OccurredAt, Actor Actor, Guid HoldId, long Version, HoldSnapshot Hold, CopySnapshot? Copy);

/// <summary><c>hold.expired</c>: a ready hold not collected by <c>pickupBy</c>; the copy as in <see cref="HoldCancelled"/>.</summary>
public sealed record HoldExpired(Guid EventId, DateTimeOffset OccurredAt, Actor Actor, Guid HoldId, long Version, HoldSnapshot Hold, CopySnapshot Copy);

/// <summary>
/// <c>hold.fulfilled</c>: the hold's reader checked out a copy of the title (<c>loan.created</c> carries that copy).
/// <paramref name="ReleasedCopy"/>: when the reader took another copy than the one trapped for their ready hold,
/// the trapped one as it is after the change (back on the shelf, or trapped for the next hold, whose
/// <c>hold.ready</c> follows); null otherwise.
/// </summary>
public sealed record HoldFulfilled(Guid EventId, DateTimeOffset OccurredAt, Actor Actor, Guid HoldId, long Version, HoldSnapshot Hold, CopySnapshot? ReleasedCopy = null);
