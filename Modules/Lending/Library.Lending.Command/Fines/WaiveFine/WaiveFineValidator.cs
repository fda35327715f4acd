using FluentValidation;
using Library.Lending.Command.Domain;

namespace Library.Lending.Command.Fines.WaiveFine;

internal sealed class WaiveFineValidator : AbstractValidator<WaiveFineCommand>
{
    public WaiveFineValidator() =>
        RuleFor(c => c.Reason)
            .Must(reason => !string.IsNullOrWhiteSpace(reason)).WithMessage("A reason for the waiver is required.")
            .MaximumLength(Loan.WaiverReasonMaxLength).WithMessage($"Reason must be at most {Loan.WaiverReasonMaxLength} characters.");
}
