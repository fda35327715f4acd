using FluentValidation;
using Library.Lending.Command.Domain;

namespace Library.Lending.Command.Categories.ChangeCategory;

/// <summary>
/// Each term, when set, within the bounds the lending policy's change validator gives the same term, so a
/// category can never allow what the policy could not; null passes (it means "the policy's").
/// </summary>
internal sealed class ChangeCategoryValidator : AbstractValidator<ChangeCategoryCommand>
{
    public ChangeCategoryValidator()
    {
        // The endpoint always passes the body; a message built otherwise (tests enumerate every message) is a 400, not a null dereference.
        RuleFor(c => c.Terms).NotNull().WithMessage("The category's terms are required (an empty object: all from the policy).").OverridePropertyName("body");
        When(c => c.Terms is not null, () =>
        {
            RuleFor(c => c.Terms.LoanPeriodDays).InclusiveBetween(1, LendingPolicy.MaxLoanPeriodDays).OverridePropertyName("loanPeriodDays");
            RuleFor(c => c.Terms.MaxActiveLoans).InclusiveBetween(1, 100).OverridePropertyName("maxActiveLoans");
            RuleFor(c => c.Terms.MaxRenewals).InclusiveBetween(0, 50).OverridePropertyName("maxRenewals");
            RuleFor(c => c.Terms.FinePerDayCents).InclusiveBetween(0, 100_000).OverridePropertyName("finePerDayCents");
            RuleFor(c => c.Terms.MaxFinePerLoanCents).InclusiveBetween(0, 10_000_000).OverridePropertyName("maxFinePerLoanCents");
            RuleFor(c => c.Terms.MaxHolds).InclusiveBetween(0, ReaderCategory.MaxHoldsLimit).OverridePropertyName("maxHolds");
        });
    }
}
