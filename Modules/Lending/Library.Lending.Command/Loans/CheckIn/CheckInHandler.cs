using Library.BuildingBlocks.Persistence;
using Library.BuildingBlocks.Results;
using Library.Lending.Command.Domain;
using Library.Lending.Command.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Library.Lending.Command.Loans.CheckIn;

/// <summary>
/// A return by the copy's barcode. The copy's open loan is found without a lock, then the loan is locked
/// and the copy after it (<see cref="LoanReturns"/>), the order of every loan change, so a check-in cannot
/// deadlock with a renewal, a payment or a return by loan id. The loan is checked again once locked: of two
/// desks scanning the same copy at once, the second finds the loan returned and answers copy.not_on_loan,
/// as it would a moment later. It never returns a newer loan of the copy made in between: that scan was of
/// the copy before it went out again.
/// </summary>
internal sealed class CheckInHandler(
    LendingDbContext db,
    CommandUnitOfWork<LendingDbContext> unitOfWork,
    TimeProvider clock) : ICommandHandler<CheckInCommand, Result<CheckInResponse>>
{
    public async ValueTask<Result<CheckInResponse>> Handle(CheckInCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var when = OfflineCirculation.When(command.OccurredAt, now);
        if (!when.IsSuccess)
        {
            return when.Error;
        }

        var barcode = command.Barcode!.Trim();
        return await unitOfWork.ExecuteAsync<Result<CheckInResponse>>(async (outbox, ct) =>
        {
            // One round trip over the unique barcode and the one-open-loan-per-copy index; projected, so
            // nothing is tracked before the lock (see CirculationLocks).
            var found = await db.Copies
                .Where(c => c.Barcode == barcode)
                .Select(c => new { OpenLoanId = db.Loans.Where(l => l.CopyId == c.Id && l.Status == LoanStatus.Active).Select(l => (Guid?)l.Id).FirstOrDefault() })
                .SingleOrDefaultAsync(ct);
            if (found is null)
            {
                return LendingErrors.CopyNotFound(barcode);
            }

            var loan = found.OpenLoanId is { } loanId ? await db.LockLoanAsync(loanId, ct) : null;
            if (loan is not { Status: LoanStatus.Active })
            {
                return LendingErrors.CopyNotOnLoan(barcode);
            }

            var returned = await db.ReturnAsync(outbox, loan, command.Comment, command.Actor, when.Value, now, ct);
            return returned.IsSuccess ? CheckInResponse.From(returned.Value) : returned.Error;
        }, cancellationToken);
    }
}
