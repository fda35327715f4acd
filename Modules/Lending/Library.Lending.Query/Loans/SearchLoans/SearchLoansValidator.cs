using FluentValidation;
using Library.BuildingBlocks.Validation;
using Library.Lending.Contracts;

namespace Library.Lending.Query.Loans.SearchLoans;

internal sealed class SearchLoansValidator : AbstractValidator<SearchLoansQuery>
{
    private static readonly string[] Statuses = [LoanStatuses.Active, LoanStatuses.Overdue, LoanStatuses.Returned, LoanStatuses.Lost];

    public SearchLoansValidator()
    {
        this.ValidPaging(q => q.Page, q => q.PageSize);
        RuleFor(q => q.After).CursorInsteadOfPage(q => q.Page);
        RuleFor(q => q.ReaderId).Must(id => id is null || Guid.TryParse(id, out _)).WithMessage("readerId must be a reader id (GUID).");
        RuleFor(q => q.Status).Must(s => s is null || Statuses.Contains(s))
            .WithMessage($"status must be one of: {string.Join(", ", Statuses)}.");
        RuleFor(q => q.Isbn).MaximumLength(17);
        RuleFor(q => q.From).ValidDateFilter();
        RuleFor(q => q.To).ValidDateFilter();
        RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null)
            .WithMessage("to must not be before from.");
    }
}
