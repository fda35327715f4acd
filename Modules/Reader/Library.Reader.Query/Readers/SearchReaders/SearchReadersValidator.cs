using FluentValidation;
using Library.BuildingBlocks.Validation;

namespace Library.Reader.Query.Readers.SearchReaders;

internal sealed class SearchReadersValidator : AbstractValidator<SearchReadersQuery>
{
    public SearchReadersValidator()
    {
        this.ValidPaging(q => q.Page, q => q.PageSize);
        RuleFor(q => q.Name).MaximumLength(150);
        RuleFor(q => q.Email).MaximumLength(254);
        RuleFor(q => q.Number).MaximumLength(20);
    }
}
