using FluentValidation;

namespace Library.Lending.Command.Fines.PayFine;

internal sealed class PayFineValidator : AbstractValidator<PayFineCommand>
{
    public PayFineValidator() =>
        RuleFor(c => c.AmountCents)
            .NotNull().WithMessage("amountCents is required.")
            .GreaterThan(0).WithMessage("amountCents must be greater than 0.");
}
