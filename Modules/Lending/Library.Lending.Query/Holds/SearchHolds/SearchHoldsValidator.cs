using FluentValidation;
using Library.BuildingBlocks.Validation;
using Library.Lending.Contracts;

namespace Library.Lending.Query.Holds.SearchHolds;

internal sealed class SearchHoldsValidator : AbstractValidator<SearchHoldsQuery>
{
    private static readonly string[] Statuses =
        [HoldStatuses.Waiting, HoldStatuses.Ready, HoldStatuses.Fulfilled, HoldStatuses.Cancelled, HoldStatuses.Expired];

    public SearchHoldsValidator()
    {
        this.ValidPaging(q => q.Page, q => q.PageSize);
        RuleFor(q => q.ReaderId).Must(id => id is null || Guid.TryParse(id, out _)).WithMessage("readerId must be a reader id (GUID).");
        RuleFor(q => q.Status).Must(s => s is null || Statuses.Contains(s))
            .WithMessage($"status must be one of: {string.Join(", ", Statuses)}.");
        RuleFor(q => q.Isbn).MaximumLength(17);
    }
}
