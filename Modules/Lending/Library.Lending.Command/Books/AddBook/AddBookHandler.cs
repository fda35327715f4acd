using Library.BuildingBlocks.Persistence;
using Library.BuildingBlocks.Results;
using Library.Lending.Command.Domain;
using Library.Lending.Command.Infrastructure;
using Library.Lending.Contracts;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Library.Lending.Command.Books.AddBook;

internal sealed class AddBookHandler(
    LendingDbContext db,
    CommandUnitOfWork<LendingDbContext> unitOfWork,
    TimeProvider clock) : ICommandHandler<AddBookCommand, Result<BookAddedResponse>>
{
    public async ValueTask<Result<BookAddedResponse>> Handle(AddBookCommand command, CancellationToken cancellationToken) =>
        await unitOfWork.ExecuteAsync<Result<BookAddedResponse>>(async (outbox, ct) =>
        {
            var isbn = Isbn.Normalize(command.Isbn)!;
            if (await db.Books.AnyAsync(b => b.Isbn == isbn, ct))
            {
                return LendingErrors.BookExists(isbn);
            }

            var now = clock.GetUtcNow();
            var book = Book.Add(isbn, command.Title!, command.Authors!, command.Genre, now);
            db.Books.Add(book);
            outbox.Add(LendingTopics.BookAdded, new BookAdded(
                Guid.CreateVersion7(now),
                now,
                command.Actor,
                book.Isbn,
                book.Version,
                new BookSnapshot(book.Isbn, book.Title, [.. book.Authors], book.Genre, book.AddedAt)));
            return new BookAddedResponse(book.Isbn, book.Version);
        }, cancellationToken);
}
