using Library.BuildingBlocks.Contracts;

namespace Library.Lending.Contracts;

/// <summary>One day the library is closed, and why (shown to readers and librarians).</summary>
public sealed record ClosedDaySnapshot(DateOnly Date, string Reason);

/// <summary>
/// <c>calendar.changed</c>: the whole calendar after the change (every closed day, oldest first), so a
/// consumer keeps the highest version it has seen and needs no other event to be current. There is
/// one calendar; its version increments with each change.
/// </summary>
public sealed record CalendarChanged(Guid EventId, DateTimeOffset OccurredAt, Actor Actor, long Version, IReadOnlyList<ClosedDaySnapshot> ClosedDays);
