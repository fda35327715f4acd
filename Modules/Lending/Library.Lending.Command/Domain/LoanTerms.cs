namespace Library.Lending.Command.Domain;

/// <summary>
/// The terms a reader borrows under: their category's where it sets one, the lending policy's otherwise.
/// Checkout, renewal and hold placement read them through <see cref="Effective"/>; a loan keeps the terms
/// in force at its checkout (spec section 6), so they are computed then, not looked up later.
/// </summary>
internal sealed record LoanTerms(int LoanPeriodDays, int MaxActiveLoans, int MaxRenewals, long FinePerDayCents, long MaxFinePerLoanCents, int MaxHolds)
{
    /// <summary>
    /// Each term from <paramref name="category"/> when it sets it, else from <paramref name="policy"/>; no
    /// category (a code the Lending service does not define) is the policy throughout. Pure: callers read the
    /// policy and the category (<c>CategoryOfAsync</c>) in the transaction that uses the terms.
    /// </summary>
    internal static LoanTerms Effective(LendingPolicy policy, ReaderCategory? category) => new(
        category?.LoanPeriodDays ?? policy.LoanPeriodDays,
        category?.MaxActiveLoans ?? policy.MaxActiveLoans,
        category?.MaxRenewals ?? policy.MaxRenewals,
        category?.FinePerDayCents ?? policy.FinePerDayCents,
        category?.MaxFinePerLoanCents ?? policy.MaxFinePerLoanCents,
        category?.MaxHolds ?? policy.MaxHolds);
}
