using FluentValidation;

namespace Library.Reader.Command.Readers.UpdateProfile;

internal sealed class UpdateReaderProfileValidator : AbstractValidator<UpdateReaderProfileCommand>
{
    public UpdateReaderProfileValidator()
    {
        // Field errors are keyed by the JSON names of the body, not by the command's nesting.
        RuleFor(c => c.Changes.Name).ValidReaderName().OverridePropertyName("name");
        RuleFor(c => c.Changes.Email).ValidReaderEmail().OverridePropertyName("email");
        RuleFor(c => c.Changes.PhoneNumber).ValidPhoneNumber().OverridePropertyName("phoneNumber");
        RuleFor(c => c.Changes.Interests).ValidInterests().OverridePropertyName("interests");
    }
}
