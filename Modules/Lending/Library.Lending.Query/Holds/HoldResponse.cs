using Library.BuildingBlocks.Contracts;
using Library.BuildingBlocks.ReadStore;
using Library.Lending.Contracts;
using Library.Lending.Query.ReadModel;

namespace Library.Lending.Query.Holds;

/// <summary>
/// A hold as the reader and the desk see it. <paramref name="Position"/>: the place in the title's queue of
/// a waiting hold (1 is next), null once it left the queue. <paramref name="Barcode"/> and
/// <paramref name="PickupBy"/>: the copy on the hold shelf for it, from when it is ready.
/// </summary>
internal sealed record HoldResponse(
    string HoldId,
    string ReaderId,
    string ReaderNumber,
    string Isbn,
    string Title,
    string Status,
    int? Position,
    DateTime PlacedAt,
    Actor PlacedBy,
    string? CopyId,
    string? Barcode,
    DateTime? ReadyAt,
    DateTime? PickupBy,
    DateTime? ClosedAt,
    Actor? ClosedBy,
    string? LoanId,
    long Version);

internal sealed record HoldPageResponse(IReadOnlyList<HoldResponse> Items, int Page, int PageSize, long Total);

internal static class HoldPositions
{
    /// <summary>The waiting holds of a title, counted through the (isbn, status, queue number) index.</summary>
    public static ReadFilter WaitingFor(string isbn) =>
        ReadFilter.And(ReadFilter.Eq(nameof(HoldDocument.Isbn), isbn), ReadFilter.Eq(nameof(HoldDocument.Status), HoldStatuses.Waiting));

    /// <summary>
    /// Counted per read (one indexed count per waiting hold listed), never stored: a stored position would
    /// have to be rewritten on every hold behind one that leaves the queue, by events that may come in any order.
    /// </summary>
    public static async Task<HoldResponse> ToResponseAsync(this IReadStore<HoldDocument> holds, HoldDocument hold, CancellationToken ct)
    {
        int? position = hold.Status == HoldStatuses.Waiting
            ? (int)await holds.CountAsync(ReadFilter.And(WaitingFor(hold.Isbn), ReadFilter.Lte(nameof(HoldDocument.QueueNumber), hold.QueueNumber)), ct)
            : null;
        return new HoldResponse(
            hold.Id,
            hold.ReaderId,
            hold.ReaderNumber,
            hold.Isbn,
            hold.Title,
            hold.Status,
            position,
            hold.PlacedAt,
            hold.PlacedBy.ToActor(),
            hold.CopyId,
            hold.Barcode,
            hold.ReadyAt,
            hold.PickupBy,
            hold.ClosedAt,
            hold.ClosedBy?.ToActor(),
            hold.LoanId,
            hold.Version);
    }
}
