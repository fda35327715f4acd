using Library.BuildingBlocks.ReadStore;
using Library.BuildingBlocks.Results;
using Library.Lending.Query.ReadModel;
using Mediator;

namespace Library.Lending.Query.Books.GetBook;

internal sealed class GetBookHandler(IReadStore<BookDocument> books, IReadStore<CopyDocument> copies, IReadStore<HoldDocument> holds)
    : IQueryHandler<GetBookQuery, Result<BookResponse>>
{
    public async ValueTask<Result<BookResponse>> Handle(GetBookQuery query, CancellationToken cancellationToken)
    {
        if (await books.GetAsync(CatalogueIds.NormalizeIsbn(query.Isbn), cancellationToken) is not { } book)
        {
            return Error.NotFound("book.not_found", $"No book has ISBN '{query.Isbn}'.");
        }

        return await copies.ToResponseAsync(holds, book, listCopies: true, cancellationToken);
    }
}
