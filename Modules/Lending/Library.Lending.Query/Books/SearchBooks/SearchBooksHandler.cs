using Library.BuildingBlocks.ReadStore;
using Library.BuildingBlocks.Results;
using Library.Lending.Query.ReadModel;
using Mediator;

namespace Library.Lending.Query.Books.SearchBooks;

internal sealed class SearchBooksHandler(IReadStore<BookDocument> books, IReadStore<CopyDocument> copies, IReadStore<HoldDocument> holds)
    : IQueryHandler<SearchBooksQuery, Result<Page<BookResponse>>>
{
    public async ValueTask<Result<Page<BookResponse>>> Handle(SearchBooksQuery query, CancellationToken cancellationToken)
    {
        var filters = new List<ReadFilter>();
        if (!string.IsNullOrWhiteSpace(query.Title))
        {
            filters.Add(ReadFilter.Contains(nameof(BookDocument.TitleSearch), query.Title.Trim().ToLowerInvariant()));
        }

        if (!string.IsNullOrWhiteSpace(query.Author))
        {
            filters.Add(ReadFilter.Contains(nameof(BookDocument.AuthorsSearch), query.Author.Trim().ToLowerInvariant()));
        }

        if (!string.IsNullOrWhiteSpace(query.Genre))
        {
            filters.Add(ReadFilter.Eq(nameof(BookDocument.GenreSearch), query.Genre.Trim().ToLowerInvariant()));
        }

        var page = await books.FindPageAsync(
            ReadFilter.And([.. filters]), ReadSort.Ascending(nameof(BookDocument.TitleSearch)), query.Page, query.PageSize, cancellationToken);
        var items = new List<BookResponse>(page.Items.Count);
        foreach (var book in page.Items)
        {
            items.Add(await copies.ToResponseAsync(holds, book, listCopies: false, cancellationToken));
        }

        return new Page<BookResponse>(items, page.PageNumber, page.PageSize, page.Total);
    }
}
