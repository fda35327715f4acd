using FluentValidation;
using Library.Reader.Command.Domain;

namespace Library.Reader.Command.Readers.Suspend;

internal sealed class SuspendReaderValidator : AbstractValidator<SuspendReaderCommand>
{
    public SuspendReaderValidator() =>
        RuleFor(c => c.Reason)
            .Must(reason => !string.IsNullOrWhiteSpace(reason)).WithMessage("A reason for the suspension is required.")
            .MaximumLength(ReaderRules.SuspensionReasonMaxLength).WithMessage($"Reason must be at most {ReaderRules.SuspensionReasonMaxLength} characters.");
}
