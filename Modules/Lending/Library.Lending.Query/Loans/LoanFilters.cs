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

internal static class CatalogueIds
{
    /// <summary>ISBNs are stored without hyphens or spaces, upper-cased; lookups normalise the same way.</summary>
    public static string NormalizeIsbn(string isbn) => string.Concat(isbn.Where(c => c is not ('-' or ' '))).ToUpperInvariant();
}
