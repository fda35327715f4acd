using FsCheck;
using FsCheck.Fluent;
using Library.Lending.Contracts;

namespace Library.Lending.UnitTests;

/// <summary>ADR 0028: closed days are not days late, and no loan falls due on one. Both sides use these rules.</summary>
public sealed class CalendarRulesTests
{
    private static readonly DateTimeOffset Due = new(2026, 3, 20, 17, 30, 0, TimeSpan.Zero);

    private static ClosedDays Closed(params string[] dates) => new(dates.Select(DateOnly.Parse));

    [Fact]
    public void Without_closed_days_a_day_late_is_every_whole_day_since_the_due_date()
    {
        Assert.Equal(0, OverdueRules.DaysOverdue(Due, Due, ClosedDays.None));
        Assert.Equal(0, OverdueRules.DaysOverdue(Due, Due.AddDays(1).AddTicks(-1), ClosedDays.None));
        Assert.Equal(1, OverdueRules.DaysOverdue(Due, Due.AddDays(1), ClosedDays.None));
        Assert.Equal(10, OverdueRules.DaysOverdue(Due, Due.AddDays(10.5), ClosedDays.None));
        Assert.Equal(0, OverdueRules.DaysOverdue(Due, Due.AddDays(-3), ClosedDays.None));
    }

    [Fact]
    public void A_day_late_that_ends_on_a_closed_day_is_not_counted()
    {
        // Due Friday 20 March 17:30; the library is closed on Saturday and Sunday. Back on Monday at
        // 18:00: three whole days, two of which ended on a closed day.
        var weekend = Closed("2026-03-21", "2026-03-22");
        Assert.Equal(1, OverdueRules.DaysOverdue(Due, Due.AddDays(3).AddMinutes(30), weekend));
        Assert.Equal(0, OverdueRules.DaysOverdue(Due, Due.AddDays(2).AddMinutes(30), weekend));

        // The due date's own date is no day late, closed or not.
        Assert.Equal(3, OverdueRules.DaysOverdue(Due, Due.AddDays(3), Closed("2026-03-20")));
        Assert.Equal(50 * 1, OverdueRules.LateFeeCents(Due, Due.AddDays(3).AddMinutes(30), 50, 5000, weekend));
    }

    [Fact]
    public void Closed_days_across_a_month_end_a_year_end_and_a_long_closure()
    {
        var januaryDue = new DateTimeOffset(2026, 1, 30, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(3, OverdueRules.DaysOverdue(januaryDue, januaryDue.AddDays(5), Closed("2026-01-31", "2026-02-01")));

        var december = new DateTimeOffset(2026, 12, 30, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(2, OverdueRules.DaysOverdue(december, december.AddDays(4), Closed("2026-12-31", "2027-01-01")));

        // Closed for three weeks (a move of the building), 1 to 21 August inclusive.
        var closure = new ClosedDays(Enumerable.Range(0, 21).Select(i => new DateOnly(2026, 8, 1).AddDays(i)));
        var july = new DateTimeOffset(2026, 7, 30, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(1 + 4, OverdueRules.DaysOverdue(july, july.AddDays(26), closure)); // 31 July, then 22 to 25 August
        Assert.Equal(21, closure.CountBetween(new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 1)));
    }

    [Fact]
    public void A_due_date_on_a_closed_day_moves_to_the_next_open_day_at_the_same_time()
    {
        var checkout = new DateTimeOffset(2026, 12, 16, 11, 15, 0, TimeSpan.Zero);
        Assert.Equal(checkout.AddDays(15), OverdueRules.DueDate(checkout, 15, ClosedDays.None));

        // Due on 31 December; closed from Christmas Eve to New Year's Day: due 2 January 2027, 11:15.
        var holidays = new ClosedDays(Enumerable.Range(0, 9).Select(i => new DateOnly(2026, 12, 24).AddDays(i)));
        Assert.Equal(new DateTimeOffset(2027, 1, 2, 11, 15, 0, TimeSpan.Zero), OverdueRules.DueDate(checkout, 15, holidays));

        // A closed day before or after the due date does not move it.
        Assert.Equal(checkout.AddDays(15), OverdueRules.DueDate(checkout, 15, Closed("2026-12-30", "2027-01-01")));
    }

    [Fact]
    public void Days_overdue_are_the_whole_days_less_the_closed_ones_and_never_decrease_with_time()
    {
        var calendars = Gen.ListOf(Gen.Choose(0, 120)).Select(offsets => new ClosedDays(offsets.Select(o => DateOnly.FromDateTime(Due.UtcDateTime).AddDays(o - 10))));
        var property = Prop.ForAll(
            calendars.ToArbitrary(),
            Gen.Choose(-2 * 24 * 60, 100 * 24 * 60).ToArbitrary(),
            Gen.Choose(0, 5 * 24 * 60).ToArbitrary(),
            (closed, lateMinutes, laterMinutes) =>
            {
                var at = Due.AddMinutes(lateMinutes);
                var days = OverdueRules.DaysOverdue(Due, at, closed);
                var whole = OverdueRules.DaysOverdue(Due, at, ClosedDays.None);
                var closedInLateness = Enumerable.Range(1, whole).Count(k => closed.IsClosed(ClosedDays.DateOf(Due.AddDays(k))));
                return days == whole - closedInLateness
                    && days >= 0
                    && OverdueRules.DaysOverdue(Due, at.AddMinutes(laterMinutes), closed) >= days;
            });
        property.QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_due_date_is_never_closed_and_skips_only_closed_days()
    {
        var property = Prop.ForAll(
            Gen.ListOf(Gen.Choose(0, 60)).ToArbitrary(),
            Gen.Choose(1, 40).ToArbitrary(),
            (offsets, period) =>
            {
                var checkout = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
                var closed = new ClosedDays(offsets.Select(o => new DateOnly(2026, 12, 1).AddDays(o)));
                var due = OverdueRules.DueDate(checkout, period, closed);
                var candidate = checkout.AddDays(period);
                var skipped = (int)(due - candidate).TotalDays;
                return !closed.IsClosed(ClosedDays.DateOf(due))
                    && due.TimeOfDay == candidate.TimeOfDay
                    && Enumerable.Range(0, skipped).All(k => closed.IsClosed(ClosedDays.DateOf(candidate.AddDays(k))));
            });
        property.QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_loan_is_due_on_the_next_open_day_and_its_fine_leaves_the_closed_days_out()
    {
        var checkout = new DateTimeOffset(2026, 3, 10, 9, 30, 0, TimeSpan.Zero);
        var fixture = new LoanFixture(checkout) { Calendar = Closed("2026-03-25", "2026-03-26") };

        // 15 days from 10 March is 25 March, closed, as is the 26th: due 27 March.
        var loan = fixture.CheckOut();
        Assert.Equal(new DateTimeOffset(2026, 3, 27, 9, 30, 0, TimeSpan.Zero), loan.DueDate);

        // Back 5 days and an hour late, of which 28 and 29 March were closed: 3 days at 50 cents.
        var closedAfterDue = Closed("2026-03-28", "2026-03-29");
        var daysOverdue = loan.Return(fixture.Copy, null, LoanFixture.Desk, loan.DueDate.AddDays(5).AddHours(1), Guid.NewGuid(), closedAfterDue);
        Assert.Equal(3, daysOverdue.Value);
        Assert.Equal(150, loan.Fine!.LateFeeCents);
    }

    [Fact]
    public void A_renewal_moves_past_closed_days_from_the_due_date()
    {
        var checkout = new DateTimeOffset(2026, 3, 10, 9, 30, 0, TimeSpan.Zero);
        var fixture = new LoanFixture(checkout);
        var loan = fixture.CheckOut();
        Assert.True(loan.Renew(Closed("2026-04-09"), checkout.AddDays(1), titleHasWaitingHolds: false).IsSuccess);
        Assert.Equal(checkout.AddDays(31), loan.DueDate);
    }
}
