using FluentValidation;

namespace Library.Reader.Command.Readers.Register;

internal sealed class RegisterReaderValidator : AbstractValidator<RegisterReaderCommand>
{
    public RegisterReaderValidator()
    {
        RuleFor(c => c.Name).ValidReaderName().NotNull().WithMessage("Name is required.");
        RuleFor(c => c.Email).ValidReaderEmail().NotNull().WithMessage("E-mail is required.");
        RuleFor(c => c.PhoneNumber).ValidPhoneNumber();
        RuleFor(c => c.BirthDate).NotNull().WithMessage("Birth date is required.");
        RuleFor(c => c.GdprConsent).NotNull().WithMessage("GDPR consent must be given (true).");
        RuleFor(c => c.Interests).ValidInterests();
    }
}
