using Library.BuildingBlocks.Results;
using Mediator;

namespace Library.Lending.Command.Books.AddBook;

internal sealed record AddBookCommand(string? Isbn, string? Title, IReadOnlyList<string>? Authors, string? Genre) : ICommand<Result<BookAddedResponse>>;

internal sealed record BookAddedResponse(string Isbn, long Version);
