using Library.BuildingBlocks.Contracts;

namespace Library.Lending.Contracts;

/// <summary>
/// The lending policy; the query side needs the fine rules to compute accrued fines. The hold terms came
/// later (spec section 6): an event written before them deserialises with their defaults.
/// </summary>
public sealed record LendingPolicySnapshot(
    int LoanPeriodDays,
    int MaxActiveLoans,
    int MaxRenewals,
    long FinePerDayCents,
    long MaxFinePerLoanCents,
    long LostItemFeeCents,
    long MaxFinesOwedCents,
    string Currency,
    int HoldPickupDays = LendingPolicySnapshot.DefaultHoldPickupDays,
    int MaxHolds = LendingPolicySnapshot.DefaultMaxHolds)
{
    public const int DefaultHoldPickupDays = 7;
    public const int DefaultMaxHolds = 5;

    /// <summary>The spec's defaults, in force until the policy is first changed.</summary>
    public static LendingPolicySnapshot Defaults { get; } = new(15, 3, 2, 50, 5000, 2500, 0, "EUR", DefaultHoldPickupDays, DefaultMaxHolds);
}

/// <summary><c>policy.changed</c>; there is one policy, its version increments with each change.</summary>
public sealed record PolicyChanged(Guid EventId, DateTimeOffset OccurredAt, Actor Actor, long Version, LendingPolicySnapshot Policy);
