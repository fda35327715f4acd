using FluentValidation;

namespace Library.Reader.Command.Readers.ChangeCategory;

/// <summary>Only presence here: the code's shape is the aggregate's rule (400 <c>reader.invalid_category</c>), as at registration.</summary>
internal sealed class ChangeReaderCategoryValidator : AbstractValidator<ChangeReaderCategoryCommand>
{
    public ChangeReaderCategoryValidator() =>
        RuleFor(c => c.Category).NotNull().WithMessage("A category is required, such as 'adult' or 'child'.");
}
