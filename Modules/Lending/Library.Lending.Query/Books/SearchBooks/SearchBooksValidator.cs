using FluentValidation;
using Library.BuildingBlocks.Validation;

namespace Library.Lending.Query.Books.SearchBooks;

internal sealed class SearchBooksValidator : AbstractValidator<SearchBooksQuery>
{
    public SearchBooksValidator()
    {
        this.ValidPaging(q => q.Page, q => q.PageSize);
        RuleFor(q => q.Title).MaximumLength(300);
        RuleFor(q => q.Author).MaximumLength(150);
        RuleFor(q => q.Genre).MaximumLength(60);
    }
}
