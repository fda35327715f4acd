using FluentValidation;

namespace Library.Identity.Accounts.SetReaderCredentials;

internal sealed class SetReaderCredentialsValidator : AbstractValidator<SetReaderCredentialsCommand>
{
    public SetReaderCredentialsValidator()
    {
        RuleFor(c => c.Body.Password).ValidPassword().OverridePropertyName("password");
        RuleFor(c => c.Body.CurrentPassword).MaximumLength(PasswordRules.MaxLength).OverridePropertyName("currentPassword");
    }
}
