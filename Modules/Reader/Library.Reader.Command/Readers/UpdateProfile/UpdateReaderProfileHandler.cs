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
                    Guid.CreateVersion7(now), now, command.Actor, reader.Id, reader.Version, ReaderEventFactory.Snapshot(reader), changed.Value));
            }

            return reader.ToChanged();
        }, cancellationToken);
}
