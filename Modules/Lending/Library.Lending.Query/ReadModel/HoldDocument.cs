using Library.BuildingBlocks.ReadStore;

namespace Library.Lending.Query.ReadModel;

/// <summary>
/// One hold at the hold's <see cref="Version"/>, as its last event carried it. The reader's place in the
/// queue is not stored: it changes whenever a hold ahead is trapped, cancelled or expires, so it is counted
/// per read from the (isbn, status, queue number) index and can never drift.
/// </summary>
internal sealed class HoldDocument : IReadDocument
{
    /// <summary>The hold id.</summary>
    public string Id { get; set; } = "";

    public long Version { get; set; }

    /// <summary>The command store's order of placement: first come, first served per title.</summary>
    public long QueueNumber { get; set; }

    public string ReaderId { get; set; } = "";

    public string ReaderNumber { get; set; } = "";

    public string Isbn { get; set; } = "";

    public string Title { get; set; } = "";

    public string Status { get; set; } = "";

    public DateTime PlacedAt { get; set; }

    public ActorDocument PlacedBy { get; set; } = new();

    public string? CopyId { get; set; }

    public string? Barcode { get; set; }

    public DateTime? ReadyAt { get; set; }

    public DateTime? PickupBy { get; set; }

    public DateTime? ClosedAt { get; set; }

    public ActorDocument? ClosedBy { get; set; }

    public string? LoanId { get; set; }
}
