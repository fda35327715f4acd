using FluentValidation;

namespace Library.Lending.Query.Loans;

internal static class PagingRules
{
    public const int MaxPageSize = 100;

    public static void ValidPaging<T>(this AbstractValidator<T> validator, Func<T, int> page, Func<T, int> pageSize)
    {
        validator.RuleFor(q => page(q)).GreaterThanOrEqualTo(1).WithMessage("Page numbers start at 1.").OverridePropertyName("page");
        validator.RuleFor(q => pageSize(q)).InclusiveBetween(1, MaxPageSize)
            .WithMessage($"Page size must be between 1 and {MaxPageSize}.").OverridePropertyName("pageSize");
    }
}
