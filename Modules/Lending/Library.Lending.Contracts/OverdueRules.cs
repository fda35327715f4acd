namespace Library.Lending.Contracts;

/// <summary>
/// The one definition of "days overdue" and of the late fee. The command side assesses fines with it
/// and the query side computes accrued fines with it, so the two never disagree. Days the library is
/// closed are not days late (ADR 0028): of the whole days since the due date, each one that ends on a
/// closed day is left out, as if the clock stood still while the doors were shut.
/// </summary>
public static class OverdueRules
{
    /// <summary>Whole days between the due date and <paramref name="at"/>, less those ending on a closed day; 0 when not late.</summary>
    public static int DaysOverdue(DateTimeOffset dueDate, DateTimeOffset at, ClosedDays closed)
    {
        ArgumentNullException.ThrowIfNull(closed);
        if (at <= dueDate)
        {
            return 0;
        }

        // Day k of lateness ends at dueDate + k days, on the k-th date after the due date's (UTC has no
        // daylight saving, so whole days keep the time of day): the closed ones among those dates are free.
        var days = (int)Math.Floor((at - dueDate).TotalDays);
        var first = ClosedDays.DateOf(dueDate).AddDays(1);
        return days - closed.CountBetween(first, first.AddDays(days - 1));
    }

    /// <summary><paramref name="finePerDayCents"/> × days overdue, capped at <paramref name="maxFinePerLoanCents"/>.</summary>
    public static long LateFeeCents(DateTimeOffset dueDate, DateTimeOffset at, long finePerDayCents, long maxFinePerLoanCents, ClosedDays closed) =>
        Math.Min(DaysOverdue(dueDate, at, closed) * finePerDayCents, maxFinePerLoanCents);

    /// <summary>Overdue the moment the due date has passed, closed day or not: a due date never falls on one (it is moved at checkout and renewal).</summary>
    public static bool IsOverdue(DateTimeOffset dueDate, DateTimeOffset now) => now > dueDate;

    /// <summary>The due date of a loan period from <paramref name="from"/>: moved on to the next open day when it falls on a closed one.</summary>
    public static DateTimeOffset DueDate(DateTimeOffset from, int loanPeriodDays, ClosedDays closed)
    {
        ArgumentNullException.ThrowIfNull(closed);
        return closed.NextOpen(from.AddDays(loanPeriodDays));
    }
}
