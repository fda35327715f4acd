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

    /// <summary>
    /// The condition for rewriting <paramref name="loan"/> by compare-and-set: nothing rewrote it since it
    /// was read (a loan event raises its version, a reader re-stamp its reader version).
    /// </summary>
    public static ReadFilter UnchangedSince(LoanDocument loan) => ReadFilter.And(
        ReadFilter.Eq(nameof(LoanDocument.Version), loan.Version),
        ReadFilter.Eq(nameof(LoanDocument.ReaderVersion), loan.ReaderVersion));

    /// <summary>Open and not yet due, as of <paramref name="now"/>.</summary>
    public static ReadFilter ActiveNotOverdue(DateTimeOffset now) => ReadFilter.Gte(nameof(LoanDocument.OpenDueDate), now.UtcDateTime);

    /// <summary>The loans whose fine owes something: the sparse <see cref="LoanDocument.OwingSince"/> is set on them only.</summary>
    public static readonly ReadFilter Owing = ReadFilter.Gte(nameof(LoanDocument.OwingSince), DateTime.MinValue);
}
