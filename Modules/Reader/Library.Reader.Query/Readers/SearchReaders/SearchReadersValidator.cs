using FluentValidation;

namespace Library.Reader.Query.Readers.SearchReaders;

internal sealed class SearchReadersValidator : AbstractValidator<SearchReadersQuery>
{
    public const int MaxPageSize = 100;

    public SearchReadersValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1).WithMessage("Page numbers start at 1.");
        RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize).WithMessage($"Page size must be between 1 and {MaxPageSize}.");
        RuleFor(q => q.Name).MaximumLength(150);
        RuleFor(q => q.Email).MaximumLength(254);
        RuleFor(q => q.Number).MaximumLength(20);
    }
}
