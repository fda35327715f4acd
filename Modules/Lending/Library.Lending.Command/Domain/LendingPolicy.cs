using Library.Lending.Contracts;

namespace Library.Lending.Command.Domain;

/// <summary>The library's one lending policy. Checkouts, renewals and fines read it; a change bumps its version.</summary>
internal sealed class LendingPolicy
{
    public const int SingletonId = 1;

    /// <summary>The longest loan period a policy may set (the change validator's bound).</summary>
    public const int MaxLoanPeriodDays = 365;

    private LendingPolicy()
    {
    }

    public int Id { get; private set; } = SingletonId;

    public int LoanPeriodDays { get; private set; }

    public int MaxActiveLoans { get; private set; }

    public int MaxRenewals { get; private set; }

    public long FinePerDayCents { get; private set; }

    public long MaxFinePerLoanCents { get; private set; }

    public long LostItemFeeCents { get; private set; }

    public long MaxFinesOwedCents { get; private set; }

    public string Currency { get; private set; } = "EUR";

    /// <summary>Days a trapped copy waits on the hold shelf (pickupBy = check-in + this, moved past closed days).</summary>
    public int HoldPickupDays { get; private set; }

    /// <summary>Live (waiting or ready) holds a reader may have, unless their category says otherwise.</summary>
    public int MaxHolds { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public long Version { get; private set; }

    public static LendingPolicy Default(DateTimeOffset now)
    {
        var policy = new LendingPolicy { Version = 0 };
        policy.Apply(LendingPolicySnapshot.Defaults, now);
        policy.Version = 1;
        return policy;
    }

    /// <summary>Replaces the policy; returns whether anything changed (nothing changed: same version).</summary>
    public bool Change(LendingPolicySnapshot next, DateTimeOffset now)
    {
        if (next == ToSnapshot())
        {
            return false;
        }

        Apply(next, now);
        Version++;
        return true;
    }

    public LendingPolicySnapshot ToSnapshot() => new(
        LoanPeriodDays, MaxActiveLoans, MaxRenewals, FinePerDayCents, MaxFinePerLoanCents, LostItemFeeCents, MaxFinesOwedCents, Currency, HoldPickupDays, MaxHolds);

    private void Apply(LendingPolicySnapshot next, DateTimeOffset now)
    {
        LoanPeriodDays = next.LoanPeriodDays;
        MaxActiveLoans = next.MaxActiveLoans;
        MaxRenewals = next.MaxRenewals;
        FinePerDayCents = next.FinePerDayCents;
        MaxFinePerLoanCents = next.MaxFinePerLoanCents;
        LostItemFeeCents = next.LostItemFeeCents;
        MaxFinesOwedCents = next.MaxFinesOwedCents;
        Currency = next.Currency.ToUpperInvariant();
        HoldPickupDays = next.HoldPickupDays;
        MaxHolds = next.MaxHolds;
        UpdatedAt = now;
    }
}
