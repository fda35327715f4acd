using FluentValidation;
using Library.Lending.Command.Domain;

namespace Library.Lending.Command.Loans.Return;

internal sealed class ReturnLoanValidator : AbstractValidator<ReturnLoanCommand>
{
    public ReturnLoanValidator() =>
        RuleFor(c => c.Comment).MaximumLength(Loan.ReturnCommentMaxLength)
            .WithMessage($"Comment must be at most {Loan.ReturnCommentMaxLength} characters.");
}
