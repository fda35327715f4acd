using FluentValidation;

namespace Library.Lending.Command.Calendar.GetClosedDays;

internal sealed class GetClosedDaysValidator : AbstractValidator<GetClosedDaysQuery>
{
    public GetClosedDaysValidator() =>
        RuleFor(q => q)
            .Must(q => q.From is null || q.To is null || q.From <= q.To).WithMessage("from must not be after to.")
            .OverridePropertyName("from");
}
