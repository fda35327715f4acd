using FluentValidation;

namespace Library.Lending.Query.Loans.OverdueLoans;

internal sealed class OverdueLoansValidator : AbstractValidator<OverdueLoansQuery>
{
    public OverdueLoansValidator() => this.ValidPaging(q => q.Page, q => q.PageSize);
}
