namespace Library.Lending.Query.Books;

internal static class CatalogueIds
{
    /// <summary>ISBNs are stored without hyphens or spaces, upper-cased; lookups normalise the same way.</summary>
    public static string NormalizeIsbn(string isbn) => string.Concat(isbn.Where(c => c is not ('-' or ' '))).ToUpperInvariant();
}
