using FluentValidation;
using Library.BuildingBlocks.Validation;

namespace Library.Lending.Query.Loans.OwingLoans;

internal sealed class OwingLoansValidator : AbstractValidator<OwingLoansQuery>
{
    public OwingLoansValidator()
    {
        this.ValidPaging(q => q.Page, q => q.PageSize);
        RuleFor(q => q.After).CursorInsteadOfPage(q => q.Page);
    }
}
