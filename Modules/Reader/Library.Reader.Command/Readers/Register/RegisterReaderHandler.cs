using Library.BuildingBlocks.Persistence;
using Library.BuildingBlocks.Results;
using Library.Reader.Command.Domain;
using Library.Reader.Command.Infrastructure;
using Library.Reader.Contracts;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Library.Reader.Command.Readers.Register;

internal sealed class RegisterReaderHandler(
    ReaderDbContext db,
    CommandUnitOfWork<ReaderDbContext> unitOfWork,
    ReaderNumberAllocator numbers,
    TimeProvider clock) : ICommandHandler<RegisterReaderCommand, Result<ReaderChanged>>
{
    public async ValueTask<Result<ReaderChanged>> Handle(RegisterReaderCommand command, CancellationToken cancellationToken)
    {
        var details = new ReaderDetails(
            command.Name!,
            command.Email!,
            command.PhoneNumber,
            command.BirthDate!.Value,
            command.GdprConsent!.Value,
            command.MarketingConsent ?? false,
            command.ThirdPartySharingConsent ?? false,
            command.Interests ?? [],
            command.Category ?? ReaderRules.DefaultCategory);

        return await unitOfWork.ExecuteAsync<Result<ReaderChanged>>(async (outbox, ct) =>
        {
            var normalizedEmail = ReaderRules.NormalizeEmail(details.Email);
            if (await db.Readers.AnyAsync(r => r.EmailNormalized == normalizedEmail, ct))
            {
                return ReaderErrors.EmailTaken();
            }

            var now = clock.GetUtcNow();
            var number = await numbers.NextAsync(now.Year, ct);
            var registered = Domain.Reader.Register(Guid.CreateVersion7(now), number, details, now);
            if (!registered.IsSuccess)
            {
                return registered.Error;
            }

            var reader = registered.Value;
            db.Readers.Add(reader);
            outbox.Add(ReaderTopics.Registered, new ReaderRegistered(
                Guid.CreateVersion7(now), now, command.Actor, reader.Id, reader.Version, ReaderEventFactory.Snapshot(reader)));
            return reader.ToChanged();
        }, cancellationToken);
    }
}
