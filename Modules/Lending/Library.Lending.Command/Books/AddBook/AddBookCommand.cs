using Library.BuildingBlocks.Contracts;
using Library.BuildingBlocks.Results;
using Mediator;

namespace Library.Lending.Command.Books.AddBook;

internal sealed record AddBookRequest(string? Isbn, string? Title, IReadOnlyList<string>? Authors, string? Genre);

internal sealed record AddBookCommand(string? Isbn, string? Title, IReadOnlyList<string>? Authors, string? Genre, Actor Actor) : ICommand<Result<BookAddedResponse>>
{
    public static AddBookCommand From(AddBookRequest form, Actor actor) => new(form.Isbn, form.Title, form.Authors, form.Genre, actor);
}

internal sealed record BookAddedResponse(string Isbn, long Version);
