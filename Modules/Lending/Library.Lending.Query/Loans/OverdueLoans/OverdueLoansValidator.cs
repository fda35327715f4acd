using FluentValidation;
using Library.BuildingBlocks.Validation;

namespace Library.Lending.Query.Loans.OverdueLoans;

internal sealed class OverdueLoansValidator : AbstractValidator<OverdueLoansQuery>
{
    public OverdueLoansValidator()
    {
        this.ValidPaging(q => q.Page, q => q.PageSize);
        RuleFor(q => q.After).CursorInsteadOfPage(q => q.Page);
    }
}
