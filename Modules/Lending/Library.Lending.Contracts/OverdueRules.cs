namespace Library.Lending.Contracts;

/// <summary>
/// The one definition of "days overdue" and of the late fee. The command side assesses fines with it
/// and the query side computes accrued fines with it, so the two never disagree.
/// </summary>
public static class OverdueRules
{
    /// <summary>Whole days between the due date and <paramref name="at"/>; 0 when not late.</summary>
    public static int DaysOverdue(DateTimeOffset dueDate, DateTimeOffset at) =>
        at > dueDate ? (int)Math.Floor((at - dueDate).TotalDays) : 0;

    /// <summary><paramref name="finePerDayCents"/> × whole days late, capped at <paramref name="maxFinePerLoanCents"/>.</summary>
    public static long LateFeeCents(DateTimeOffset dueDate, DateTimeOffset at, long finePerDayCents, long maxFinePerLoanCents) =>
        Math.Min(DaysOverdue(dueDate, at) * finePerDayCents, maxFinePerLoanCents);

    public static bool IsOverdue(DateTimeOffset dueDate, DateTimeOffset now) => now > dueDate;
}
