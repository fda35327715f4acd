using FluentValidation;
using Library.BuildingBlocks.Validation;

namespace Library.Lending.Query.Stats.LoanStats;

internal sealed class LoanStatsValidator : AbstractValidator<LoanStatsQuery>
{
    public LoanStatsValidator()
    {
        RuleFor(q => q.From).ValidDateFilter();
        RuleFor(q => q.To).ValidDateFilter();
        RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null)
            .WithMessage("to must not be before from.");
    }
}
