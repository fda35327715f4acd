using Library.BuildingBlocks.Persistence;
using Library.BuildingBlocks.Results;
using Library.Lending.Command.Domain;
using Library.Lending.Command.Infrastructure;
using Library.Lending.Contracts;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Library.Lending.Command.Books.AddCopy;

internal sealed class AddCopyHandler(
    LendingDbContext db,
    CommandUnitOfWork<LendingDbContext> unitOfWork,
    TimeProvider clock) : ICommandHandler<AddCopyCommand, Result<CopyAddedResponse>>
{
    public async ValueTask<Result<CopyAddedResponse>> Handle(AddCopyCommand command, CancellationToken cancellationToken) =>
        await unitOfWork.ExecuteAsync<Result<CopyAddedResponse>>(async (outbox, ct) =>
        {
            if (Isbn.Normalize(command.Isbn) is not { } isbn || !await db.Books.AnyAsync(b => b.Isbn == isbn, ct))
            {
                return LendingErrors.BookNotFound(command.Isbn);
            }

            var barcode = command.Barcode!.Trim();
            if (await db.Copies.AnyAsync(c => c.Barcode == barcode, ct))
            {
                return LendingErrors.BarcodeTaken(barcode);
            }

            var now = clock.GetUtcNow();
            var copy = Copy.Add(Guid.CreateVersion7(now), isbn, barcode, now);
            db.Copies.Add(copy);
            outbox.Add(LendingTopics.CopyAdded, new CopyAdded(Guid.CreateVersion7(now), now, command.Actor, copy.Id, copy.Version, Loans.LoanEventFactory.Snapshot(copy)));
            return new CopyAddedResponse(copy.Id, copy.Barcode, copy.Isbn, copy.Version);
        }, cancellationToken);
}
