using FluentValidation;

namespace Library.Lending.Command.Loans.Checkout;

internal sealed class CheckoutValidator : AbstractValidator<CheckoutCommand>
{
    public CheckoutValidator()
    {
        RuleFor(c => c.ReaderId).NotEmpty().WithMessage("readerId is required.");
        RuleFor(c => c.Barcode).Must(b => !string.IsNullOrWhiteSpace(b)).WithMessage("barcode is required.");
    }
}
