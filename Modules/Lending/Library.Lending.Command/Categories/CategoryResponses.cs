using Library.BuildingBlocks.Contracts;
using Library.Lending.Command.Domain;
using Library.Lending.Contracts;

namespace Library.Lending.Command.Categories;

/// <summary>
/// A category as the API shows it: <paramref name="Overrides"/> are its own terms (null: the policy's),
/// <paramref name="Effective"/> what a reader of it borrows under with the policy in force now.
/// </summary>
internal sealed record CategoryResponse(string Code, CategoryTerms Overrides, LoanTerms Effective, long Version, DateTimeOffset UpdatedAt, Actor ChangedBy)
{
    public static CategoryResponse From(ReaderCategory category, LendingPolicy policy) =>
        new(category.Code, category.Terms, LoanTerms.Effective(policy, category), category.Version, category.UpdatedAt, category.ChangedBy);
}

/// <summary>
/// Every category, by code, and the policy version the effective terms were computed from: a policy
/// change alters a category's effective terms without changing the category's own version.
/// </summary>
internal sealed record CategoriesResponse(IReadOnlyList<CategoryResponse> Categories, long PolicyVersion);

/// <summary>What a change answers: the category, and whether this request created it (201) or changed it (200).</summary>
internal sealed record CategoryChangeResult(CategoryResponse Category, bool Created);

internal static class CategoryEvents
{
    public static CategoryChanged ChangedEvent(ReaderCategory category, Actor by, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now), now, by, category.Code, category.Version, category.ToSnapshot());
}
