using Library.Lending.Command.Domain;

namespace Library.Lending.Command.Policy;

internal sealed record LendingPolicyResponse(
    int LoanPeriodDays,
    int MaxActiveLoans,
    int MaxRenewals,
    long FinePerDayCents,
    long MaxFinePerLoanCents,
    long LostItemFeeCents,
    long MaxFinesOwedCents,
    string Currency,
    int HoldPickupDays,
    int MaxHolds,
    DateTimeOffset UpdatedAt,
    long Version)
{
    public static LendingPolicyResponse From(LendingPolicy policy) => new(
        policy.LoanPeriodDays,
        policy.MaxActiveLoans,
        policy.MaxRenewals,
        policy.FinePerDayCents,
        policy.MaxFinePerLoanCents,
        policy.LostItemFeeCents,
        policy.MaxFinesOwedCents,
        policy.Currency,
        policy.HoldPickupDays,
        policy.MaxHolds,
        policy.UpdatedAt,
        policy.Version);
}
