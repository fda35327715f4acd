using Library.BuildingBlocks.ReadStore;
using Library.Lending.Query.ReadModel;

namespace Library.Lending.Query.Loans;

/// <summary>
/// Both lists are one range of <see cref="LoanDocument.OpenDueDate"/>, which only active loans carry:
/// range filters never match a missing value, so returned and lost loans fall out without a status test.
/// </summary>
internal static class LoanFilters
{
    /// <summary>Open and past the due date, as of <paramref name="now"/>.</summary>
    public static ReadFilter Overdue(DateTimeOffset now) => ReadFilter.Lt(nameof(LoanDocument.OpenDueDate), now.UtcDateTime);

    /// <summary>Open and not yet due, as of <paramref name="now"/>.</summary>
    public static ReadFilter ActiveNotOverdue(DateTimeOffset now) => ReadFilter.Gte(nameof(LoanDocument.OpenDueDate), now.UtcDateTime);
}
