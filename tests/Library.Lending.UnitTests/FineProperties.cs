using FsCheck;
using FsCheck.Fluent;
using Library.Lending.Contracts;

namespace Library.Lending.UnitTests;

public sealed class FineProperties
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 9, 30, 0, TimeSpan.Zero);

    /// <summary>Whatever payments and waivers are tried, in any order, the balance stays within [0, assessed] and adds up.</summary>
    [Fact]
    public void The_balance_never_goes_negative_and_always_adds_up()
    {
        var operations = Gen.ListOf(Gen.OneOf(
            Gen.Choose(-100, 6000).Select(amount => (Pay: true, Amount: (long)amount)),
            Gen.Constant((Pay: false, Amount: 0L))));
        var property = Prop.ForAll(
            Gen.Choose(0, 400).ToArbitrary(),
            operations.ToArbitrary(),
            (daysLate, steps) =>
            {
                var fixture = new LoanFixture(Start);
                var loan = fixture.CheckOut();
                fixture.Clock.Advance(TimeSpan.FromDays(15 + daysLate));
                loan.Return(fixture.Copy, null, LoanFixture.Desk, fixture.Now, Guid.NewGuid(), ClosedDays.None);
                if (loan.Fine is not { } fine)
                {
                    return daysLate == 0;
                }

                foreach (var (pay, amount) in steps)
                {
                    var before = fine.BalanceCents;
                    var accepted = pay ? amount > 0 && loan.Pay(amount, LoanFixture.Desk, fixture.Now).IsSuccess : loan.Waive("reason", LoanFixture.Desk, fixture.Now).IsSuccess;
                    if (accepted && pay && fine.BalanceCents != before - amount)
                    {
                        return false;
                    }
                }

                return fine.BalanceCents >= 0
                    && fine.BalanceCents <= fine.AssessedCents
                    && fine.PaidCents + fine.WaivedCents + fine.BalanceCents == fine.AssessedCents
                    && fine.AssessedCents <= fixture.Policy.MaxFinePerLoanCents;
            });
        property.QuickCheckThrowOnFailure();
    }
}
