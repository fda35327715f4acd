using FluentValidation;
using Library.Lending.Command.Domain;

namespace Library.Lending.Command.Books.AddCopy;

internal sealed class AddCopyValidator : AbstractValidator<AddCopyCommand>
{
    public AddCopyValidator() =>
        RuleFor(c => c.Barcode)
            .Cascade(CascadeMode.Stop)
            .Must(barcode => !string.IsNullOrWhiteSpace(barcode)).WithMessage("Barcode is required.")
            .MaximumLength(Copy.BarcodeMaxLength).WithMessage($"Barcode must be at most {Copy.BarcodeMaxLength} characters.")
            .Matches("^[A-Za-z0-9][A-Za-z0-9-]*$").WithMessage("Barcode may hold letters, digits and hyphens.");
}
