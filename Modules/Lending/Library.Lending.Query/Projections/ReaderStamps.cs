using Library.BuildingBlocks.ReadStore;
using Library.Lending.Query.Loans;
using Library.Lending.Query.ReadModel;

namespace Library.Lending.Query.Projections;

/// <summary>
/// Re-stamps the denormalised reader fields of a reader's loans after a rename or erasure. Each loan
/// is replaced only if it is still at the loan version and reader version we read (compare-and-set),
/// so a loan event applied meanwhile is never overwritten; the loop runs until no loan shows an older
/// reader version.
/// </summary>
internal sealed class ReaderStamps(IReadStore<LoanDocument> loans)
{
    private const int Batch = 200;

    public static void Stamp(LoanDocument loan, LoanReaderDocument reader)
    {
        loan.ReaderNumber = reader.ReaderNumber;
        loan.ReaderName = reader.Name;
        loan.ReaderVersion = reader.Version;
        if (reader.Erased)
        {
            loan.ReturnComment = null;
            if (loan.Fine is { } fine)
            {
                fine.WaiverReason = null;
            }
        }
    }

    public async Task RestampLoansAsync(LoanReaderDocument reader, CancellationToken ct)
    {
        var stale = ReadFilter.And(
            ReadFilter.Eq(nameof(LoanDocument.ReaderId), reader.Id),
            ReadFilter.Lt(nameof(LoanDocument.ReaderVersion), reader.Version));
        while (await loans.FindAsync(new ReadQuery(stale, Take: Batch), ct) is { Count: > 0 } batch)
        {
            foreach (var loan in batch)
            {
                var unchanged = LoanFilters.UnchangedSince(loan);
                Stamp(loan, reader);
                await loans.ReplaceIfAsync(loan, unchanged, ct);
            }
        }
    }
}
