using FluentValidation;
using Library.Lending.Command.Domain;

namespace Library.Lending.Command.Loans.CheckIn;

/// <summary>The comment's rule is the return's (<see cref="Return.ReturnLoanValidator"/>): a check-in is that return.</summary>
internal sealed class CheckInValidator : AbstractValidator<CheckInCommand>
{
    public CheckInValidator()
    {
        RuleFor(c => c.Barcode)
            .Cascade(CascadeMode.Stop)
            .Must(barcode => !string.IsNullOrWhiteSpace(barcode)).WithMessage("barcode is required.")
            .Must(barcode => barcode!.Trim().Length <= Copy.BarcodeMaxLength).WithMessage($"barcode must be at most {Copy.BarcodeMaxLength} characters.");
        RuleFor(c => c.Comment).MaximumLength(Loan.ReturnCommentMaxLength)
            .WithMessage($"Comment must be at most {Loan.ReturnCommentMaxLength} characters.");
    }
}
