using Library.BuildingBlocks.Results;
using Library.BuildingBlocks.Security;
using Library.Lending.Command.Domain;
using Library.Lending.Command.Infrastructure;

namespace Library.Lending.Command.Loans;

internal static class LoanLoader
{
    /// <summary>Locks the loan for a change, honouring the version the client sent in If-Match, if any.</summary>
    /// <remarks>
    /// <paramref name="caller"/>, when given, must be staff or the loan's reader: checked before the
    /// version, so another reader's loan answers 404 whatever If-Match says (no 412 confirms it exists).
    /// </remarks>
    public static async Task<Result<Loan>> LockForChangeAsync(this LendingDbContext db, Guid loanId, long? expectedVersion, CancellationToken ct, Caller? caller = null)
    {
        var loan = await db.LockLoanAsync(loanId, ct);
        if (loan is null || (caller is not null && !caller.MayActOnReader(loan.ReaderId)))
        {
            return LendingErrors.LoanNotFound(loanId.ToString());
        }

        return ExpectVersion(loan, expectedVersion);
    }

    /// <summary>The same for the loan a fine belongs to.</summary>
    public static async Task<Result<Loan>> LockByFineForChangeAsync(this LendingDbContext db, Guid fineId, long? expectedVersion, CancellationToken ct)
    {
        var loan = await db.LockLoanByFineAsync(fineId, ct);
        if (loan is null)
        {
            return LendingErrors.FineNotFound(fineId.ToString());
        }

        return ExpectVersion(loan, expectedVersion);
    }

    private static Result<Loan> ExpectVersion(Loan loan, long? expectedVersion) =>
        expectedVersion is { } expected && expected != loan.Version
            ? CommonErrors.VersionMismatch(expected, loan.Version)
            : loan;
}
