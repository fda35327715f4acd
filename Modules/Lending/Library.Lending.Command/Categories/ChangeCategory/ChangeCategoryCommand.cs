using Library.BuildingBlocks.Contracts;
using Library.BuildingBlocks.Results;
using Library.Lending.Command.Domain;
using Mediator;

namespace Library.Lending.Command.Categories.ChangeCategory;

/// <summary>PUT replaces the category's terms: a field left out or null is "from the lending policy".</summary>
internal sealed record ChangeCategoryRequest(
    int? LoanPeriodDays,
    int? MaxActiveLoans,
    int? MaxRenewals,
    long? FinePerDayCents,
    long? MaxFinePerLoanCents,
    int? MaxHolds);

/// <summary>
/// <paramref name="ExpectedVersion"/> is If-Match (required to change an existing category);
/// <paramref name="CreateOnly"/> is If-None-Match: * (the request may only create it).
/// </summary>
internal sealed record ChangeCategoryCommand(string Code, long? ExpectedVersion, bool CreateOnly, ChangeCategoryRequest Terms, Actor Actor)
    : ICommand<Result<CategoryChangeResult>>
{
    public CategoryTerms ToTerms() =>
        new(Terms.LoanPeriodDays, Terms.MaxActiveLoans, Terms.MaxRenewals, Terms.FinePerDayCents, Terms.MaxFinePerLoanCents, Terms.MaxHolds);
}
