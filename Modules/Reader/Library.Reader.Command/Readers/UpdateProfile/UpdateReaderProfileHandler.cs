using Library.BuildingBlocks.Persistence;
using Library.BuildingBlocks.Results;
using Library.Reader.Command.Domain;
using Library.Reader.Command.Infrastructure;
using Library.Reader.Contracts;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Library.Reader.Command.Readers.UpdateProfile;

internal sealed class UpdateReaderProfileHandler(
    ReaderDbContext db,
    CommandUnitOfWork<ReaderDbContext> unitOfWork,
    TimeProvider clock) : ICommandHandler<UpdateReaderProfileCommand, Result<ReaderChanged>>
{
    public async ValueTask<Result<ReaderChanged>> Handle(UpdateReaderProfileCommand command, CancellationToken cancellationToken) =>
        await unitOfWork.ExecuteAsync<Result<ReaderChanged>>(async (outbox, ct) =>
        {
            // Another reader's profile does not exist as far as a reader can tell; their own name is
            // identity data the library checks at the desk, so a reader changes the rest only.
            if (!command.Caller.MayActOnReader(command.ReaderId))
            {
                return ReaderErrors.NotFound(command.ReaderId);
            }

            if (!command.Caller.IsStaff && command.Changes.Name is not null)
            {
                return CommonErrors.Forbidden("A reader's name is changed at the desk; you can change your contact details, consents and interests.");
            }

            var loaded = await db.LoadForChangeAsync(command.ReaderId, command.ExpectedVersion, ct);
            if (!loaded.IsSuccess)
            {
                return loaded.Error;
            }

            var reader = loaded.Value;
            var body = command.Changes;
            if (body.Email is { } email)
            {
                var normalized = ReaderRules.NormalizeEmail(email);
                if (await db.Readers.AnyAsync(r => r.EmailNormalized == normalized && r.Id != reader.Id, ct))
                {
                    return ReaderErrors.EmailTaken();
                }
            }

            var now = clock.GetUtcNow();
            var changed = reader.UpdateProfile(
                new ProfileChanges(body.Name, body.Email, body.PhoneNumber, body.GdprConsent, body.MarketingConsent, body.ThirdPartySharingConsent, body.Interests),
                now);
            if (!changed.IsSuccess)
            {
                return changed.Error;
            }

            if (changed.Value.Count > 0)
            {
                outbox.Add(ReaderTopics.Updated, new ReaderUpdated(
                    Guid.CreateVersion7(now), now, command.Caller.ToActor(), reader.Id, reader.Version, ReaderEventFactory.Snapshot(reader), changed.Value));
            }

            return reader.ToChanged();
        }, cancellationToken);
}
