using Library.BuildingBlocks.Results;
using Mediator;

namespace Library.Lending.Query.Books.GetBook;

internal sealed record GetBookQuery(string Isbn) : IQuery<Result<BookResponse>>;
