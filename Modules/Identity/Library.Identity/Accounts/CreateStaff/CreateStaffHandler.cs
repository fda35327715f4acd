using Library.BuildingBlocks.Persistence;
using Library.BuildingBlocks.Results;
using Library.Identity.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Library.Identity.Accounts.CreateStaff;

internal sealed class CreateStaffHandler(
    IdentityDbContext db,
    CommandUnitOfWork<IdentityDbContext> unitOfWork,
    Passwords passwords,
    TimeProvider clock) : ICommandHandler<CreateStaffCommand, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(CreateStaffCommand command, CancellationToken cancellationToken)
    {
        var username = command.Username!.ToLowerInvariant();

        // Hashed before the transaction: it is the slow part and needs no lock.
        var hash = passwords.Hash(command.Password!);
        return await unitOfWork.ExecuteAsync<Result<Guid>>(async (_, ct) =>
        {
            if (await db.Accounts.AnyAsync(a => a.Username == username, ct))
            {
                return IdentityErrors.UsernameTaken();
            }

            var now = clock.GetUtcNow();
            var account = new Account
            {
                Id = Guid.CreateVersion7(now),
                Role = command.Role!,
                Username = username,
                PasswordHash = hash,
                CreatedAt = now,
                PasswordChangedAt = now,
            };
            db.Accounts.Add(account);
            return account.Id;
        }, cancellationToken);
    }
}
