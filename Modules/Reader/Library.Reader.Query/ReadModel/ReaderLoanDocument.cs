using Library.BuildingBlocks.ReadStore;

namespace Library.Reader.Query.ReadModel;

/// <summary>
/// What one loan means for its reader, at the loan's <see cref="Version"/>: whether it is open,
/// when it is due, and what its fine still owes. The reader's counts are computed from these facts
/// per read, so duplicate or reordered loan events cannot skew them the way blind counters would.
/// </summary>
internal sealed class ReaderLoanDocument : IReadDocument
{
    /// <summary>The loan id.</summary>
    public string Id { get; set; } = "";

    public long Version { get; set; }

    public string ReaderId { get; set; } = "";

    public bool Open { get; set; }

    public DateTime DueDate { get; set; }

    public long FineBalanceCents { get; set; }
}
