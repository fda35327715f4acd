using Library.BuildingBlocks.ReadStore;
using Library.Lending.Contracts;
using Library.Lending.Query.ReadModel;

namespace Library.Lending.Query.Loans;

internal static class LoanFilters
{
    /// <summary>Open and past the due date, as of <paramref name="now"/>.</summary>
    public static ReadFilter Overdue(DateTimeOffset now) => ReadFilter.And(
        ReadFilter.Eq(nameof(LoanDocument.Status), LoanStatuses.Active),
        ReadFilter.Lt(nameof(LoanDocument.DueDate), now.UtcDateTime));
}
