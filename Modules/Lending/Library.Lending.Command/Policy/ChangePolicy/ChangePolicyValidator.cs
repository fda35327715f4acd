using FluentValidation;
using Library.Lending.Command.Domain;

namespace Library.Lending.Command.Policy.ChangePolicy;

internal sealed class ChangePolicyValidator : AbstractValidator<ChangePolicyCommand>
{
    public ChangePolicyValidator()
    {
        RuleFor(c => c.Policy.LoanPeriodDays).NotNull().InclusiveBetween(1, LendingPolicy.MaxLoanPeriodDays).OverridePropertyName("loanPeriodDays");
        RuleFor(c => c.Policy.MaxActiveLoans).NotNull().InclusiveBetween(1, 100).OverridePropertyName("maxActiveLoans");
        RuleFor(c => c.Policy.MaxRenewals).NotNull().InclusiveBetween(0, 50).OverridePropertyName("maxRenewals");
        RuleFor(c => c.Policy.FinePerDayCents).NotNull().InclusiveBetween(0, 100_000).OverridePropertyName("finePerDayCents");
        RuleFor(c => c.Policy.MaxFinePerLoanCents).NotNull().InclusiveBetween(0, 10_000_000).OverridePropertyName("maxFinePerLoanCents");
        RuleFor(c => c.Policy.LostItemFeeCents).NotNull().InclusiveBetween(0, 10_000_000).OverridePropertyName("lostItemFeeCents");
        RuleFor(c => c.Policy.MaxFinesOwedCents).NotNull().InclusiveBetween(0, 10_000_000).OverridePropertyName("maxFinesOwedCents");
        RuleFor(c => c.Policy.HoldPickupDays).InclusiveBetween(1, 60).OverridePropertyName("holdPickupDays");
        RuleFor(c => c.Policy.MaxHolds).InclusiveBetween(0, ReaderCategory.MaxHoldsLimit).OverridePropertyName("maxHolds");
        RuleFor(c => c.Policy.Currency)
            .NotNull()
            .Must(CurrencyCodes.IsKnown).WithMessage("Currency must be an ISO 4217 code of a currency in use, in capitals, such as EUR.")
            .OverridePropertyName("currency");
    }
}
