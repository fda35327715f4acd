using Library.BuildingBlocks.Persistence;
using Library.BuildingBlocks.Results;
using Library.Lending.Command.Domain;
using Library.Lending.Command.Infrastructure;
using Library.Lending.Contracts;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Library.Lending.Command.Holds.PlaceHold;

/// <summary>
/// Reader → title (ADR 0030): the reader's lock serialises their placements and checkouts (the hold limit,
/// one hold or loan per title), the title's lock the queue, so the position answered is the one committed.
/// </summary>
internal sealed class PlaceHoldHandler(
    LendingDbContext db,
    CommandUnitOfWork<LendingDbContext> unitOfWork,
    TimeProvider clock) : ICommandHandler<PlaceHoldCommand, Result<PlaceHoldResponse>>
{
    public async ValueTask<Result<PlaceHoldResponse>> Handle(PlaceHoldCommand command, CancellationToken cancellationToken) =>
        await unitOfWork.ExecuteAsync<Result<PlaceHoldResponse>>(async (outbox, ct) =>
        {
            var readerId = command.ReaderId!.Value;

            // Another reader's id answers as an unknown one: a reader learns nothing of others (spec section 5).
            var reader = command.Caller.MayActOnReader(readerId) ? await db.LockReaderAsync(readerId, ct) : null;
            if (reader is null)
            {
                return LendingErrors.ReaderNotFound(readerId);
            }

            var isbn = Isbn.Normalize(command.Isbn)!;
            if (!await db.LockBookAsync(isbn, ct))
            {
                return LendingErrors.BookNotFound(command.Isbn!);
            }

            var now = clock.GetUtcNow();
            var (policy, terms, _) = await db.TermsWithClosedDaysAsync(reader.Category, now, ct);
            var standing = await db.StandingAsync(readerId, now, ct);
            var holds = await db.HoldStandingAsync(readerId, isbn, ct);
            var book = await db.Books.AsNoTracking().SingleAsync(b => b.Isbn == isbn, ct);
            var placed = Hold.Place(Guid.CreateVersion7(now), reader, standing, holds, book, policy, terms, command.Caller.ToActor(), now);
            if (!placed.IsSuccess)
            {
                return placed.Error;
            }

            var hold = placed.Value;
            var position = await db.Holds.CountAsync(h => h.Isbn == isbn && h.Status == HoldStatus.Waiting, ct) + 1;
            db.Holds.Add(hold);

            // After the save: the queue number is the database's, drawn at insert.
            outbox.AddAfterSave(LendingTopics.HoldPlaced, () => new HoldPlaced(
                Guid.CreateVersion7(now), now, command.Caller.ToActor(), hold.Id, hold.Version, HoldEventFactory.Snapshot(hold)));
            return new PlaceHoldResponse(hold.Id, position, HoldStatuses.Waiting, hold.Version);
        }, cancellationToken);
}
