using Library.Reader.Command.Domain;
using Microsoft.EntityFrameworkCore;

namespace Library.Reader.Command.Infrastructure;

internal sealed class LendingStandingReader(ReaderDbContext db)
{
    public async Task<LendingStanding> ForReaderAsync(Guid readerId, CancellationToken cancellationToken)
    {
        var obligations = db.LendingObligations.Where(o => o.ReaderId == readerId);
        var openLoans = await obligations.CountAsync(o => o.IsOpenLoan, cancellationToken);
        var owed = await obligations.SumAsync(o => o.OwedCents, cancellationToken);
        return new LendingStanding(openLoans, owed);
    }
}
