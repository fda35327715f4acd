using Library.BuildingBlocks.ReadStore;

namespace Library.Reader.Query.ReadModel;

/// <summary>
/// What one loan or one hold means for its reader, at its <see cref="Version"/>: whether a loan is open,
/// when it is due and what its fine still owes; for a hold (<see cref="HoldStatus"/> set), where it stands.
/// The reader's counts are computed from these facts per read, so duplicate or reordered events cannot skew
/// them the way blind counters would. Holds share the loans' collection and its readerId index so the
/// reader's details stay one query: the per-query overhead dominates a fact read (see
/// <see cref="Readers.ReaderLoanCounts"/>), and loan and hold ids are both random GUIDs, never equal.
/// </summary>
internal sealed class ReaderLoanDocument : IReadDocument
{
    /// <summary>The loan id, or the hold id for a hold fact.</summary>
    public string Id { get; set; } = "";

    public long Version { get; set; }

    public string ReaderId { get; set; } = "";

    public bool Open { get; set; }

    public DateTime DueDate { get; set; }

    public long FineBalanceCents { get; set; }

    /// <summary>Null for a loan; the hold's status (waiting, ready, fulfilled, cancelled, expired) for a hold.</summary>
    public string? HoldStatus { get; set; }
}
