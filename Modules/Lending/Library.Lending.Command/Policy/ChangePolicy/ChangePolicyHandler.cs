using Library.BuildingBlocks.Persistence;
using Library.BuildingBlocks.Results;
using Library.Lending.Command.Infrastructure;
using Library.Lending.Contracts;
using Mediator;

namespace Library.Lending.Command.Policy.ChangePolicy;

internal sealed class ChangePolicyHandler(
    LendingDbContext db,
    CommandUnitOfWork<LendingDbContext> unitOfWork,
    TimeProvider clock) : ICommandHandler<ChangePolicyCommand, Result<LendingPolicyResponse>>
{
    public async ValueTask<Result<LendingPolicyResponse>> Handle(ChangePolicyCommand command, CancellationToken cancellationToken) =>
        await unitOfWork.ExecuteAsync<Result<LendingPolicyResponse>>(async (outbox, ct) =>
        {
            var policy = await db.LockPolicyAsync(ct);
            if (policy.Version != command.ExpectedVersion)
            {
                return CommonErrors.VersionMismatch(command.ExpectedVersion, policy.Version);
            }

            var p = command.Policy;
            var next = new LendingPolicySnapshot(
                p.LoanPeriodDays!.Value,
                p.MaxActiveLoans!.Value,
                p.MaxRenewals!.Value,
                p.FinePerDayCents!.Value,
                p.MaxFinePerLoanCents!.Value,
                p.LostItemFeeCents!.Value,
                p.MaxFinesOwedCents!.Value,
                p.Currency!.ToUpperInvariant(),
                p.HoldPickupDays ?? policy.HoldPickupDays,
                p.MaxHolds ?? policy.MaxHolds);
            var now = clock.GetUtcNow();
            if (policy.Change(next, now))
            {
                outbox.Add(LendingTopics.PolicyChanged, new PolicyChanged(Guid.CreateVersion7(now), now, command.Actor, policy.Version, policy.ToSnapshot()));
            }

            return LendingPolicyResponse.From(policy);
        }, cancellationToken);
}
