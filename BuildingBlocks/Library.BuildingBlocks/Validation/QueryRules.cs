using FluentValidation;

namespace Library.BuildingBlocks.Validation;

/// <summary>The rules every paged or dated query shares, so each list endpoint refuses the same input the same way.</summary>
public static class QueryRules
{
    public const int MaxPageSize = 100;

    /// <summary>The earliest and latest date a date filter accepts; outside them a date is a typo, not a question.</summary>
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);

    /// <inheritdoc cref="EarliestDate"/>
    public static readonly DateOnly LatestDate = new(2999, 12, 31);

    /// <summary>
    /// Page numbers from 1, sizes 1 to <see cref="MaxPageSize"/>, and a window that ends within
    /// <see cref="int.MaxValue"/> items: <c>page=21474838&amp;pageSize=100</c> overflowed the skip and
    /// answered page 1 as if it were page 21474838.
    /// </summary>
    public static void ValidPaging<T>(this AbstractValidator<T> validator, Func<T, int> page, Func<T, int> pageSize)
    {
        validator.RuleFor(q => page(q)).GreaterThanOrEqualTo(1).WithMessage("Page numbers start at 1.").OverridePropertyName("page");
        validator.RuleFor(q => pageSize(q)).InclusiveBetween(1, MaxPageSize)
            .WithMessage($"Page size must be between 1 and {MaxPageSize}.").OverridePropertyName("pageSize");
        validator.RuleFor(q => (long)page(q) * pageSize(q)).LessThanOrEqualTo(int.MaxValue)
            .WithMessage($"page × pageSize must not exceed {int.MaxValue}.").OverridePropertyName("page");
    }

    /// <summary>
    /// A cursor (<c>after</c>) says where a page starts, so it goes with no page number but the first:
    /// <c>after</c> with <c>page</c> &gt; 1 would be two positions at once (ADR 0024). Whether it is a
    /// cursor of the list is the handler's to say, which knows the list and its sort.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> CursorInsteadOfPage<T>(this IRuleBuilder<T, string?> rule, Func<T, int> page) =>
        rule.Must((query, after) => after is null || page(query) <= 1)
            .WithMessage("Send after (a cursor) or page, not both: after starts where the cursor's page ended.");

    /// <summary>A date filter within <see cref="EarliestDate"/> and <see cref="LatestDate"/>; null passes.</summary>
    public static IRuleBuilderOptions<T, DateOnly?> ValidDateFilter<T>(this IRuleBuilder<T, DateOnly?> rule) =>
        rule.Must(date => date is null || (date >= EarliestDate && date <= LatestDate))
            .WithMessage($"Dates must lie between {EarliestDate:yyyy-MM-dd} and {LatestDate:yyyy-MM-dd}.");
}
