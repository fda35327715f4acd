using FsCheck;
using FsCheck.Fluent;
using Library.BuildingBlocks.Contracts;
using Library.Lending.Command.Domain;
using Library.Lending.Contracts;

namespace Library.Lending.UnitTests;

/// <summary>Spec section 6: what a category leaves out comes from the lending policy, term by term (ADR 0029).</summary>
public sealed class LoanTermsTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Admin = new("admin-1", "admin");

    private static LendingPolicy Policy(LendingPolicySnapshot? terms = null)
    {
        var policy = LendingPolicy.Default(Now);
        if (terms is not null)
        {
            policy.Change(terms, Now);
        }

        return policy;
    }

    [Fact]
    public void No_category_is_the_policy_throughout_with_the_default_hold_limit()
    {
        var terms = LoanTerms.Effective(Policy(), null);

        Assert.Equal(new LoanTerms(15, 3, 2, 50, 5000, LendingPolicySnapshot.DefaultMaxHolds), terms);
        Assert.Equal(5, LendingPolicySnapshot.DefaultMaxHolds);
    }

    [Fact]
    public void A_category_with_no_terms_is_the_policy()
    {
        var adult = ReaderCategory.Create("adult", new CategoryTerms(null, null, null, null, null, null), Admin, Now);

        Assert.Equal(LoanTerms.Effective(Policy(), null), LoanTerms.Effective(Policy(), adult));
    }

    [Fact]
    public void Each_term_falls_back_on_its_own()
    {
        var policy = Policy(new LendingPolicySnapshot(14, 4, 3, 40, 4000, 2500, 0, "EUR"));

        // The seeded child category: four terms of its own, renewals and holds from the policy.
        var child = ReaderCategory.Create("child", new CategoryTerms(21, 5, null, 10, 1000, null), Admin, Now);
        Assert.Equal(new LoanTerms(21, 5, 3, 10, 1000, LendingPolicySnapshot.DefaultMaxHolds), LoanTerms.Effective(policy, child));

        // Zero is a term, not a fallback: a staff category without fines and no renewals.
        var staff = ReaderCategory.Create("staff", new CategoryTerms(null, null, 0, 0, null, 0), Admin, Now);
        Assert.Equal(new LoanTerms(14, 4, 0, 0, 4000, 0), LoanTerms.Effective(policy, staff));
    }

    [Fact]
    public void A_policy_change_reaches_the_terms_a_category_leaves_out_only()
    {
        var child = ReaderCategory.Create("child", new CategoryTerms(21, null, null, null, null, 2), Admin, Now);
        var terms = LoanTerms.Effective(Policy(new LendingPolicySnapshot(10, 8, 1, 70, 900, 2500, 0, "EUR")), child);

        Assert.Equal(new LoanTerms(21, 8, 1, 70, 900, 2), terms);
    }

    [Fact]
    public void Every_effective_term_is_the_categorys_when_set_and_the_policys_otherwise()
    {
        static Gen<T?> Maybe<T>(Gen<T> values)
            where T : struct =>
            Gen.OneOf(Gen.Constant<T?>(null), values.Select(v => (T?)v));

        var categories =
            from loanPeriod in Maybe(Gen.Choose(1, 365))
            from maxLoans in Maybe(Gen.Choose(1, 100))
            from maxRenewals in Maybe(Gen.Choose(0, 50))
            from finePerDay in Maybe(Gen.Choose(0, 100_000).Select(v => (long)v))
            from maxFine in Maybe(Gen.Choose(0, 10_000_000).Select(v => (long)v))
            from maxHolds in Maybe(Gen.Choose(0, 100))
            select new CategoryTerms(loanPeriod, maxLoans, maxRenewals, finePerDay, maxFine, maxHolds);
        var policies =
            from loanPeriod in Gen.Choose(1, 365)
            from maxLoans in Gen.Choose(1, 100)
            from maxRenewals in Gen.Choose(0, 50)
            from finePerDay in Gen.Choose(0, 100_000)
            from maxFine in Gen.Choose(0, 10_000_000)
            select new LendingPolicySnapshot(loanPeriod, maxLoans, maxRenewals, finePerDay, maxFine, 2500, 0, "EUR");

        var property = Prop.ForAll(
            categories.ToArbitrary(),
            policies.ToArbitrary(),
            Gen.Elements(true, false).ToArbitrary(),
            (own, policyTerms, hasCategory) =>
            {
                var policy = Policy(policyTerms);
                var category = hasCategory ? ReaderCategory.Create("c", own, Admin, Now) : null;
                var effective = LoanTerms.Effective(policy, category);
                var set = hasCategory ? own : new CategoryTerms(null, null, null, null, null, null);
                return effective.LoanPeriodDays == (set.LoanPeriodDays ?? policy.LoanPeriodDays)
                    && effective.MaxActiveLoans == (set.MaxActiveLoans ?? policy.MaxActiveLoans)
                    && effective.MaxRenewals == (set.MaxRenewals ?? policy.MaxRenewals)
                    && effective.FinePerDayCents == (set.FinePerDayCents ?? policy.FinePerDayCents)
                    && effective.MaxFinePerLoanCents == (set.MaxFinePerLoanCents ?? policy.MaxFinePerLoanCents)
                    && effective.MaxHolds == (set.MaxHolds ?? LendingPolicySnapshot.DefaultMaxHolds);
            });
        property.QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_change_to_the_same_terms_is_no_new_version()
    {
        var category = ReaderCategory.Create("child", new CategoryTerms(21, 5, null, 10, 1000, null), Admin, Now);
        Assert.Equal(1, category.Version);

        Assert.False(category.Change(new CategoryTerms(21, 5, null, 10, 1000, null), Admin, Now.AddHours(1)));
        Assert.Equal(1, category.Version);
        Assert.Equal(Now, category.UpdatedAt);

        var librarianAdmin = new Actor("admin-2", "admin");
        Assert.True(category.Change(new CategoryTerms(21, 5, 1, 10, 1000, null), librarianAdmin, Now.AddHours(2)));
        Assert.Equal(2, category.Version);
        Assert.Equal(librarianAdmin, category.ChangedBy);
        Assert.Equal(new ReaderCategorySnapshot("child", 21, 5, 1, 10, 1000, null), category.ToSnapshot());
    }

    [Theory]
    [InlineData("adult", true)]
    [InlineData("child-under_12", true)]
    [InlineData("a", true)]
    [InlineData("abcdefghijklmnopqrstuvwxyz012345", true)]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456", false)]
    [InlineData("", false)]
    [InlineData("Adult", false)]
    [InlineData("child\n", false)]
    [InlineData("kind ", false)]
    [InlineData("ärzte", false)]
    public void A_category_code_is_lower_case_ascii_letters_digits_dash_and_underscore(string code, bool valid) =>
        Assert.Equal(valid, ReaderCategory.IsValidCode(code));
}
