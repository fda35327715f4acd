using Library.BuildingBlocks.Persistence;
using Library.BuildingBlocks.Results;
using Library.Lending.Command.Domain;
using Library.Lending.Command.Infrastructure;
using Library.Lending.Command.Loans.Renew;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Library.Lending.Command.Loans.RenewAll;

/// <summary>
/// Renews each open loan of the reader in a transaction of its own, with the single renewal's rules and
/// event (<see cref="LoanRenewals"/>): one loan's refusal leaves the others renewed, and each renewal
/// holds only its own loan's lock, so the desk and the reader's own app never wait on a whole list.
/// </summary>
internal sealed class RenewAllHandler(
    LendingDbContext db,
    CommandUnitOfWork<LendingDbContext> unitOfWork,
    TimeProvider clock) : ICommandHandler<RenewAllCommand, Result<RenewAllResponse>>
{
    public async ValueTask<Result<RenewAllResponse>> Handle(RenewAllCommand command, CancellationToken cancellationToken)
    {
        // Another reader's id answers as an unknown one: a reader never learns whether someone else exists.
        if (!command.Caller.MayActOnReader(command.ReaderId)
            || !await db.Readers.AsNoTracking().AnyAsync(r => r.ReaderId == command.ReaderId, cancellationToken))
        {
            return LendingErrors.ReaderNotFound(command.ReaderId);
        }

        // Read without locks: a loan returned after this list is refused below as loan.already_returned,
        // and one checked out after it is not part of this request.
        var open = await db.Loans.AsNoTracking()
            .Where(l => l.ReaderId == command.ReaderId && l.Status == LoanStatus.Active)
            .OrderBy(l => l.CheckedOutAt).ThenBy(l => l.Id)
            .Select(l => l.Id)
            .ToListAsync(cancellationToken);

        var renewed = new List<RenewLoanResponse>();
        var refused = new List<RenewalRefusal>();
        foreach (var loanId in open)
        {
            var result = await unitOfWork.ExecuteAsync<Result<RenewLoanResponse>>(async (outbox, ct) =>
            {
                var loan = await db.RenewAsync(outbox, loanId, expectedVersion: null, command.Caller, clock, ct);
                return loan.IsSuccess ? RenewLoanResponse.From(loan.Value) : loan.Error;
            }, cancellationToken);
            if (result.IsSuccess)
            {
                renewed.Add(result.Value);
            }
            else
            {
                refused.Add(new RenewalRefusal(loanId, result.Error.Code));
            }
        }

        return new RenewAllResponse(renewed, refused);
    }
}
