using Library.BuildingBlocks.Persistence;
using Library.BuildingBlocks.Results;
using Library.Lending.Command.Domain;
using Library.Lending.Command.Holds;
using Library.Lending.Command.Infrastructure;
using Library.Lending.Contracts;
using Mediator;

namespace Library.Lending.Command.Loans.Return;

internal sealed class ReturnLoanHandler(
    LendingDbContext db,
    CommandUnitOfWork<LendingDbContext> unitOfWork,
    TimeProvider clock) : ICommandHandler<ReturnLoanCommand, Result<ReturnLoanResponse>>
{
    public async ValueTask<Result<ReturnLoanResponse>> Handle(ReturnLoanCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var when = OfflineCirculation.When(command.OccurredAt, now);
        if (!when.IsSuccess)
        {
            return when.Error;
        }

        return await unitOfWork.ExecuteAsync<Result<ReturnLoanResponse>>(async (outbox, ct) =>
        {
            var loaded = await db.LockForChangeAsync(command.LoanId, command.ExpectedVersion, ct);
            if (!loaded.IsSuccess)
            {
                return loaded.Error;
            }

            var loan = loaded.Value;

            // Loan → title → copy (ADR 0030): the title's lock makes the trap below see its queue as it is.
            await db.LockBookAsync(loan.Isbn, ct);
            var copy = await db.LockCopyAsync(loan.CopyId, ct);
            // A return on time (most of them) needs no calendar: no round trip for it.
            var closed = await db.ClosedDaysOfLatenessAsync(loan.DueDate, when.Value, ct);
            var returned = loan.Return(copy, command.Comment, command.Actor, when.Value, Guid.CreateVersion7(now), closed);
            if (!returned.IsSuccess)
            {
                return returned.Error;
            }

            var trapped = await db.PassOnAsync(outbox, copy, command.Actor, now, ct, at: when.Value);
            var reader = await db.ReaderOfAsync(loan, ct);
            var copySnapshot = LoanEventFactory.Snapshot(copy);
            outbox.AddClosingEvents(
                loan,
                LoanEventFactory.Snapshot(loan, reader),
                LendingTopics.LoanReturned,
                (version, snapshot) => new LoanReturned(Guid.CreateVersion7(now), now, command.Actor, loan.Id, version, returned.Value, snapshot, copySnapshot),
                command.Actor,
                now);
            return new ReturnLoanResponse(
                loan.Id,
                loan.ReturnedAt!.Value,
                returned.Value,
                FineResponse.From(loan),
                loan.Version,
                trapped is null ? Routes.Shelf : Routes.HoldShelf,
                trapped is null ? null : HoldEventFactory.Response(trapped));
        }, cancellationToken);
    }
}
