using Library.BuildingBlocks.ReadStore;
using Library.BuildingBlocks.Results;
using Mediator;

namespace Library.Lending.Query.Books.SearchBooks;

/// <summary>Title and author are case-insensitive substrings, genre exact ignoring case; all optional.</summary>
internal sealed record SearchBooksQuery(string? Title, string? Author, string? Genre, int Page, int PageSize) : IQuery<Result<Page<BookResponse>>>;
