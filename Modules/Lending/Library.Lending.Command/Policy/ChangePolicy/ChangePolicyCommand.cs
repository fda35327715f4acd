using Library.BuildingBlocks.Contracts;
using Library.BuildingBlocks.Results;
using Mediator;

namespace Library.Lending.Command.Policy.ChangePolicy;

/// <summary>
/// PUT replaces the whole policy: every field is required, except the hold terms (spec section 6), which came
/// later: a client written before them leaves them as they are.
/// </summary>
internal sealed record ChangePolicyRequest(
    int? LoanPeriodDays,
    int? MaxActiveLoans,
    int? MaxRenewals,
    long? FinePerDayCents,
    long? MaxFinePerLoanCents,
    long? LostItemFeeCents,
    long? MaxFinesOwedCents,
    string? Currency,
    int? HoldPickupDays = null,
    int? MaxHolds = null);

internal sealed record ChangePolicyCommand(long ExpectedVersion, ChangePolicyRequest Policy, Actor Actor) : ICommand<Result<LendingPolicyResponse>>;
