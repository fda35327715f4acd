using Library.BuildingBlocks.ReadStore;
using Library.Lending.Contracts;
using Library.Lending.Query.Holds;
using Library.Lending.Query.ReadModel;

namespace Library.Lending.Query.Books;

internal sealed record CopyResponse(string CopyId, string Barcode, string Status);

/// <summary>
/// A catalogue entry with its copies: <paramref name="CopiesTotal"/> counts the copies the library
/// still has (lost ones excluded), <paramref name="CopiesAvailable"/> those on the shelf now (a copy on the
/// hold shelf is kept for one reader, so it is not available), <paramref name="HoldsWaiting"/> the readers
/// queued for the title. <paramref name="Copies"/> is listed on the details endpoint only.
/// </summary>
internal sealed record BookResponse(
    string Isbn,
    string Title,
    IReadOnlyList<string> Authors,
    string? Genre,
    int CopiesTotal,
    int CopiesAvailable,
    int HoldsWaiting,
    IReadOnlyList<CopyResponse>? Copies,
    long Version);

internal sealed record BookPageResponse(IReadOnlyList<BookResponse> Items, int Page, int PageSize, long Total);

internal static class BookAvailability
{
    /// <summary>How many copies the details list; the counts are of every copy, however many the title has.</summary>
    public const int MaxCopiesListed = 500;

    public static async Task<BookResponse> ToResponseAsync(
        this IReadStore<CopyDocument> copies, IReadStore<HoldDocument> holds, BookDocument book, bool listCopies, CancellationToken ct)
    {
        var ofBook = ReadFilter.Eq(nameof(CopyDocument.Isbn), book.Id);

        // Counted by the (isbn, status) index, never from the listing below, which stops at MaxCopiesListed.
        var total = await copies.CountAsync(ReadFilter.And(ofBook, ReadFilter.In(nameof(CopyDocument.Status), [CopyStatuses.Available, CopyStatuses.OnLoan, CopyStatuses.OnHoldShelf])), ct);
        var available = await copies.CountAsync(ReadFilter.And(ofBook, ReadFilter.Eq(nameof(CopyDocument.Status), CopyStatuses.Available)), ct);
        var waiting = await holds.CountAsync(HoldPositions.WaitingFor(book.Id), ct);
        IReadOnlyList<CopyResponse>? listed = null;
        if (listCopies)
        {
            var some = await copies.FindAsync(new ReadQuery(ofBook, ReadSort.Ascending(nameof(CopyDocument.Barcode)), Take: MaxCopiesListed), ct);
            listed = [.. some.Select(c => new CopyResponse(c.Id, c.Barcode, c.Status))];
        }

        return new BookResponse(book.Id, book.Title, book.Authors, book.Genre, (int)total, (int)available, (int)waiting, listed, book.Version);
    }
}
