using System.Text.RegularExpressions;
using Library.BuildingBlocks.Contracts;
using Library.Lending.Contracts;

namespace Library.Lending.Command.Domain;

/// <summary>A category's own terms as an admin sets them; null is "the lending policy's" (spec section 6).</summary>
internal sealed record CategoryTerms(
    int? LoanPeriodDays,
    int? MaxActiveLoans,
    int? MaxRenewals,
    long? FinePerDayCents,
    long? MaxFinePerLoanCents,
    int? MaxHolds);

/// <summary>
/// A reader category (<c>adult</c>, <c>child</c>, <c>staff</c>, or any code an admin creates): the terms in
/// which it differs from the lending policy. A reader names a category by code; a code with no row here means
/// the policy's terms throughout (ADR 0029). A change bumps <see cref="Version"/>, which <c>category.changed</c>
/// carries with the whole category; a change is made on the category's locked row.
/// </summary>
internal sealed partial class ReaderCategory
{
    public const string DefaultCode = "adult";
    public const int CodeMaxLength = 32;

    /// <summary>The bound of <see cref="MaxHolds"/>; the other terms share the lending policy's bounds.</summary>
    public const int MaxHoldsLimit = 100;

    private ReaderCategory()
    {
    }

    public string Code { get; private set; } = "";

    public int? LoanPeriodDays { get; private set; }

    public int? MaxActiveLoans { get; private set; }

    public int? MaxRenewals { get; private set; }

    public long? FinePerDayCents { get; private set; }

    public long? MaxFinePerLoanCents { get; private set; }

    public int? MaxHolds { get; private set; }

    public long Version { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public Actor ChangedBy { get; private set; } = Actor.Anonymous;

    /// <summary>The Reader service's rule for a code, repeated here because the services share no code but contracts.</summary>
    public static bool IsValidCode(string code) => CodePattern().IsMatch(code);

    public static ReaderCategory Create(string code, CategoryTerms terms, Actor by, DateTimeOffset now)
    {
        var category = new ReaderCategory { Code = code };
        category.Apply(terms, by, now);
        category.Version = 1;
        return category;
    }

    /// <summary>Replaces the terms; returns whether anything changed (nothing changed: same version, no event).</summary>
    public bool Change(CategoryTerms terms, Actor by, DateTimeOffset now)
    {
        if (terms == Terms)
        {
            return false;
        }

        Apply(terms, by, now);
        Version++;
        return true;
    }

    public CategoryTerms Terms => new(LoanPeriodDays, MaxActiveLoans, MaxRenewals, FinePerDayCents, MaxFinePerLoanCents, MaxHolds);

    public ReaderCategorySnapshot ToSnapshot() =>
        new(Code, LoanPeriodDays, MaxActiveLoans, MaxRenewals, FinePerDayCents, MaxFinePerLoanCents, MaxHolds);

    private void Apply(CategoryTerms terms, Actor by, DateTimeOffset now)
    {
        LoanPeriodDays = terms.LoanPeriodDays;
        MaxActiveLoans = terms.MaxActiveLoans;
        MaxRenewals = terms.MaxRenewals;
        FinePerDayCents = terms.FinePerDayCents;
        MaxFinePerLoanCents = terms.MaxFinePerLoanCents;
        MaxHolds = terms.MaxHolds;
        ChangedBy = by;
        UpdatedAt = now;
    }

    // \z, not $: $ also matches before a final newline.
    [GeneratedRegex(@"^[a-z0-9_-]{1,32}\z", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
