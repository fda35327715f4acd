using Library.BuildingBlocks.ReadStore;
using Library.Reader.Query.ReadModel;

namespace Library.Reader.Query.Readers;

/// <summary>A reader's loans and fines as of now, computed from the per-loan facts through the readerId index.</summary>
internal sealed record ReaderLoanCounts(int ActiveLoans, int OverdueLoans, long FinesOwedCents)
{
    public static async Task<ReaderLoanCounts> ForAsync(
        IReadStore<ReaderLoanDocument> loans, string readerId, DateTimeOffset now, CancellationToken ct)
    {
        var ofReader = ReadFilter.Eq(nameof(ReaderLoanDocument.ReaderId), readerId);
        var open = ReadFilter.And(ofReader, ReadFilter.Eq(nameof(ReaderLoanDocument.Open), true));
        var active = await loans.CountAsync(open, ct);
        var overdue = await loans.CountAsync(ReadFilter.And(open, ReadFilter.Lt(nameof(ReaderLoanDocument.DueDate), now.UtcDateTime)), ct);
        var owing = await loans.FindAsync(
            new ReadQuery(ReadFilter.And(ofReader, ReadFilter.Gt(nameof(ReaderLoanDocument.FineBalanceCents), 0L)), Take: int.MaxValue), ct);
        return new ReaderLoanCounts((int)active, (int)overdue, owing.Sum(l => l.FineBalanceCents));
    }
}
