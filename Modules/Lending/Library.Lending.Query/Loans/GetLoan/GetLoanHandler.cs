using Library.BuildingBlocks.ReadStore;
using Library.BuildingBlocks.Results;
using Library.Lending.Query.ReadModel;
using Mediator;

namespace Library.Lending.Query.Loans.GetLoan;

internal sealed class GetLoanHandler(IReadStore<LoanDocument> loans, CalendarCopy calendar, TimeProvider clock) : IQueryHandler<GetLoanQuery, Result<LoanResponse>>
{
    public async ValueTask<Result<LoanResponse>> Handle(GetLoanQuery query, CancellationToken cancellationToken)
    {
        // Another reader's loan does not exist as far as a reader can tell.
        if (!Guid.TryParse(query.LoanId, out var id)
            || await loans.GetAsync(id.ToString(), cancellationToken) is not { } loan
            || !query.Caller.MayActOnReader(Guid.Parse(loan.ReaderId)))
        {
            return Error.NotFound("loan.not_found", $"No loan has id '{query.LoanId}'.");
        }

        return LoanResponse.From(loan, clock.GetUtcNow(), await calendar.ClosedDaysAsync(cancellationToken));
    }
}
