using Library.BuildingBlocks.Contracts;
using Library.BuildingBlocks.Results;
using Mediator;

namespace Library.Lending.Command.Policy.ChangePolicy;

/// <summary>PUT replaces the whole policy: every field is required.</summary>
internal sealed record ChangePolicyRequest(
    int? LoanPeriodDays,
    int? MaxActiveLoans,
    int? MaxRenewals,
    long? FinePerDayCents,
    long? MaxFinePerLoanCents,
    long? LostItemFeeCents,
    long? MaxFinesOwedCents,
    string? Currency);

internal sealed record ChangePolicyCommand(long ExpectedVersion, ChangePolicyRequest Policy, Actor Actor) : ICommand<Result<LendingPolicyResponse>>;
