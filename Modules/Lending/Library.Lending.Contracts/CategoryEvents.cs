using Library.BuildingBlocks.Contracts;

namespace Library.Lending.Contracts;

/// <summary>
/// A reader category's own terms: null means "the lending policy's", so a policy change reaches every
/// category that leaves the term out (spec section 6). <paramref name="MaxHolds"/> is a hold limit.
/// </summary>
public sealed record ReaderCategorySnapshot(
    string Code,
    int? LoanPeriodDays,
    int? MaxActiveLoans,
    int? MaxRenewals,
    long? FinePerDayCents,
    long? MaxFinePerLoanCents,
    int? MaxHolds);

/// <summary>
/// <c>category.changed</c>: one category as its change left it, with its version (1 when it was created).
/// The whole category travels, so a consumer keeps the highest version per code and needs no other event.
/// </summary>
public sealed record CategoryChanged(Guid EventId, DateTimeOffset OccurredAt, Actor Actor, string Code, long Version, ReaderCategorySnapshot Category);
