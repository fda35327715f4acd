using Library.Lending.Command.Domain;
using Library.Lending.Contracts;

namespace Library.Lending.UnitTests;

public sealed class LoanRulesTests
{
    private static readonly DateTimeOffset March10 = new(2026, 3, 10, 9, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-03-10T09:30:00Z", "2026-03-25T09:30:00Z")]
    [InlineData("2026-01-20T12:00:00Z", "2026-02-04T12:00:00Z")] // across a month end
    [InlineData("2026-12-20T16:00:00Z", "2027-01-04T16:00:00Z")] // across a year end
    [InlineData("2028-02-20T08:00:00Z", "2028-03-06T08:00:00Z")] // across a leap day
    public void The_due_date_is_the_checkout_plus_the_loan_period(string checkedOut, string due)
    {
        var fixture = new LoanFixture(DateTimeOffset.Parse(checkedOut, null, System.Globalization.DateTimeStyles.AdjustToUniversal));
        var loan = fixture.CheckOut();
        Assert.Equal(DateTimeOffset.Parse(due, null, System.Globalization.DateTimeStyles.AdjustToUniversal), loan.DueDate);
        Assert.Equal(CopyStatus.OnLoan, fixture.Copy.Status);
        Assert.Equal(1, loan.Version);
    }

    [Fact]
    public void The_due_date_follows_the_policy_in_force_at_checkout()
    {
        var fixture = new LoanFixture(March10);
        fixture.ChangePolicy(p => p with { LoanPeriodDays = 30 });
        Assert.Equal(March10.AddDays(30), fixture.CheckOut().DueDate);
    }

    [Fact]
    public void A_return_on_time_assesses_no_fine()
    {
        var fixture = new LoanFixture(March10);
        var loan = fixture.CheckOut();
        fixture.Clock.Advance(TimeSpan.FromDays(15));

        var daysOverdue = loan.Return(fixture.Copy, "fine", LoanFixture.Desk, fixture.Now, Guid.NewGuid(), ClosedDays.None);

        Assert.Equal(0, daysOverdue.Value);
        Assert.Null(loan.Fine);
        Assert.Equal(LoanStatus.Returned, loan.Status);
        Assert.Equal(CopyStatus.Available, fixture.Copy.Status);
        Assert.Equal(2, loan.Version);
    }

    [Theory]
    [InlineData(0.5, 0, 0)] // late by hours: no whole day yet
    [InlineData(1, 1, 50)]
    [InlineData(7.9, 7, 350)]
    [InlineData(100, 100, 5000)] // exactly at the cap
    [InlineData(300, 300, 5000)] // capped
    public void A_late_return_is_fined_per_whole_day_up_to_the_cap(double daysLate, int expectedDays, long expectedCents)
    {
        var fixture = new LoanFixture(March10);
        var loan = fixture.CheckOut();
        fixture.Clock.Advance(TimeSpan.FromDays(15 + daysLate));

        var daysOverdue = loan.Return(fixture.Copy, null, LoanFixture.Desk, fixture.Now, Guid.NewGuid(), ClosedDays.None);

        Assert.Equal(expectedDays, daysOverdue.Value);
        Assert.Equal(expectedCents, loan.Fine?.AssessedCents ?? 0);
        Assert.Equal(2, loan.Version); // the fine is part of the return, not a change of its own
    }

    [Fact]
    public void A_loan_keeps_the_fine_terms_it_was_checked_out_under()
    {
        var fixture = new LoanFixture(March10);
        var loan = fixture.CheckOut();
        fixture.ChangePolicy(p => p with { FinePerDayCents = 1000 });
        fixture.Clock.Advance(TimeSpan.FromDays(17));

        loan.Return(fixture.Copy, null, LoanFixture.Desk, fixture.Now, Guid.NewGuid(), ClosedDays.None);

        Assert.Equal(100, loan.Fine!.AssessedCents);
    }

    [Fact]
    public void Returning_twice_is_refused()
    {
        var fixture = new LoanFixture(March10);
        var loan = fixture.CheckOut();
        loan.Return(fixture.Copy, null, LoanFixture.Desk, fixture.Now, Guid.NewGuid(), ClosedDays.None);

        Assert.Equal("loan.already_returned", loan.Return(fixture.Copy, null, LoanFixture.Desk, fixture.Now, Guid.NewGuid(), ClosedDays.None).Error!.Code);
        Assert.Equal(2, loan.Version);
    }

    [Fact]
    public void A_return_cannot_precede_its_checkout()
    {
        var fixture = new LoanFixture(March10);
        var loan = fixture.CheckOut();
        Assert.Equal("loan.return_before_checkout", loan.Return(fixture.Copy, null, LoanFixture.Desk, March10.AddMinutes(-1), Guid.NewGuid(), ClosedDays.None).Error!.Code);
        Assert.Equal(LoanStatus.Active, loan.Status);
    }

    [Fact]
    public void A_renewal_adds_the_period_to_the_current_due_date_up_to_the_limit()
    {
        var fixture = new LoanFixture(March10);
        var loan = fixture.CheckOut();
        fixture.Clock.Advance(TimeSpan.FromDays(10));

        Assert.True(loan.Renew(ClosedDays.None, fixture.Now, titleHasWaitingHolds: false).IsSuccess);
        Assert.Equal(March10.AddDays(30), loan.DueDate);
        Assert.True(loan.Renew(ClosedDays.None, fixture.Now, titleHasWaitingHolds: false).IsSuccess);
        Assert.Equal(March10.AddDays(45), loan.DueDate);

        Assert.Equal("loan.renewal_limit_reached", loan.Renew(ClosedDays.None, fixture.Now, titleHasWaitingHolds: false).Error!.Code);
        Assert.Equal(2, loan.Renewals);
        Assert.Equal(3, loan.Version);
    }

    [Fact]
    public void An_overdue_or_closed_loan_cannot_be_renewed()
    {
        var fixture = new LoanFixture(March10);
        var loan = fixture.CheckOut();
        fixture.Clock.Advance(TimeSpan.FromDays(15) + TimeSpan.FromSeconds(1));
        Assert.Equal("loan.overdue", loan.Renew(ClosedDays.None, fixture.Now, titleHasWaitingHolds: false).Error!.Code);

        loan.Return(fixture.Copy, null, LoanFixture.Desk, fixture.Now, Guid.NewGuid(), ClosedDays.None);
        Assert.Equal("loan.already_returned", loan.Renew(ClosedDays.None, fixture.Now, titleHasWaitingHolds: false).Error!.Code);
    }

    [Fact]
    public void A_lost_loan_is_fined_the_lost_item_fee_plus_the_overdue_fine()
    {
        var fixture = new LoanFixture(March10);
        var loan = fixture.CheckOut();
        fixture.Clock.Advance(TimeSpan.FromDays(15 + 4));

        Assert.True(loan.DeclareLost(fixture.Copy, fixture.Policy, LoanFixture.Desk, fixture.Now, Guid.NewGuid(), ClosedDays.None).IsSuccess);

        Assert.Equal(LoanStatus.Lost, loan.Status);
        Assert.Equal(CopyStatus.Lost, fixture.Copy.Status);
        Assert.Equal(2500, loan.Fine!.LostFeeCents);
        Assert.Equal(200, loan.Fine.LateFeeCents);
        Assert.Equal(2700, loan.Fine.BalanceCents);
        Assert.Equal("loan.lost", loan.Return(fixture.Copy, null, LoanFixture.Desk, fixture.Now, Guid.NewGuid(), ClosedDays.None).Error!.Code);
    }

    [Fact]
    public void Partial_payments_then_a_waiver_settle_a_fine_and_nothing_more_can_be_paid()
    {
        var fixture = new LoanFixture(March10);
        var loan = fixture.CheckOut();
        fixture.Clock.Advance(TimeSpan.FromDays(15 + 10));
        loan.Return(fixture.Copy, null, LoanFixture.Desk, fixture.Now, Guid.NewGuid(), ClosedDays.None);
        Assert.Equal(500, loan.Fine!.BalanceCents);

        Assert.True(loan.Pay(200, LoanFixture.Desk, fixture.Now).IsSuccess);
        Assert.Equal(300, loan.Fine.BalanceCents);
        Assert.Equal("fine.payment_exceeds_balance", loan.Pay(301, LoanFixture.Desk, fixture.Now).Error!.Code);
        Assert.Equal(300, loan.Fine.BalanceCents);

        Assert.Equal(300, loan.Waive("first offence", LoanFixture.Desk, fixture.Now).Value);
        Assert.Equal(0, loan.Fine.BalanceCents);
        Assert.Equal(200, loan.Fine.PaidCents);
        Assert.Equal(300, loan.Fine.WaivedCents);
        Assert.Equal("fine.settled", loan.Pay(1, LoanFixture.Desk, fixture.Now).Error!.Code);
        Assert.Equal("fine.settled", loan.Waive("again", LoanFixture.Desk, fixture.Now).Error!.Code);
        Assert.Equal(4, loan.Version);
    }

    [Fact]
    public void A_full_payment_settles_the_fine()
    {
        var fixture = new LoanFixture(March10);
        var loan = fixture.CheckOut();
        fixture.Clock.Advance(TimeSpan.FromDays(16));
        loan.Return(fixture.Copy, null, LoanFixture.Desk, fixture.Now, Guid.NewGuid(), ClosedDays.None);

        Assert.True(loan.Pay(50, LoanFixture.Desk, fixture.Now).IsSuccess);
        Assert.Equal(0, loan.Fine!.BalanceCents);
    }

    [Theory]
    [InlineData("Suspended", 0, 0, 0, "reader.suspended")]
    [InlineData("Erased", 0, 0, 0, "reader.erased")]
    [InlineData("Active", 3, 0, 0, "reader.loan_limit_reached")]
    [InlineData("Active", 1, 1, 0, "reader.has_overdue_loans")]
    [InlineData("Active", 0, 0, 1, "reader.owes_fines")]
    public void A_checkout_is_refused_for_the_readers_standing(string status, int open, int overdue, long owed, string code)
    {
        var fixture = new LoanFixture(March10);
        fixture.Reader.Status = Enum.Parse<ReaderEligibilityStatus>(status);
        var refused = Loan.CheckOut(Guid.NewGuid(), "2026/1", fixture.Reader, new ReaderStanding(open, overdue, owed), fixture.Book.Title, fixture.Copy, fixture.Policy, fixture.Terms, null, ClosedDays.None, LoanFixture.Desk, fixture.Now);
        Assert.Equal(code, refused.Error!.Code);
        Assert.Equal(CopyStatus.Available, fixture.Copy.Status);
    }

    [Fact]
    public void Fines_up_to_the_policys_allowance_do_not_block_a_checkout()
    {
        var fixture = new LoanFixture(March10);
        fixture.ChangePolicy(p => p with { MaxFinesOwedCents = 500 });
        Assert.NotNull(fixture.CheckOut(standing: new ReaderStanding(0, 0, 500)));
    }

    [Fact]
    public void A_copy_on_loan_or_lost_cannot_be_checked_out()
    {
        var fixture = new LoanFixture(March10);
        fixture.CheckOut();
        var again = Loan.CheckOut(Guid.NewGuid(), "2026/2", fixture.Reader, LoanFixture.Clean, fixture.Book.Title, fixture.Copy, fixture.Policy, fixture.Terms, null, ClosedDays.None, LoanFixture.Desk, fixture.Now);
        Assert.Equal("copy.not_available", again.Error!.Code);
    }

    [Theory]
    [InlineData(-1, null)]
    [InlineData(-365 * 24 * 60, null)]
    [InlineData(-365 * 24 * 60 - 1, "request.occurred_at_too_old")]
    [InlineData(1, "request.occurred_at_in_future")]
    public void Offline_circulation_accepts_the_past_year_only(int minutesFromNow, string? code)
    {
        var result = OfflineCirculation.When(March10.AddMinutes(minutesFromNow), March10);
        Assert.Equal(code, result.Error?.Code);
    }

    [Fact]
    public void The_query_sides_accrued_fine_is_the_fine_a_return_now_would_assess()
    {
        var due = March10.AddDays(15);
        Assert.Equal(0, OverdueRules.LateFeeCents(due, due, 50, 5000, ClosedDays.None));
        Assert.Equal(150, OverdueRules.LateFeeCents(due, due.AddDays(3.5), 50, 5000, ClosedDays.None));
        Assert.Equal(5000, OverdueRules.LateFeeCents(due, due.AddDays(365), 50, 5000, ClosedDays.None));
        Assert.False(OverdueRules.IsOverdue(due, due));
        Assert.True(OverdueRules.IsOverdue(due, due.AddTicks(1)));
    }
}
