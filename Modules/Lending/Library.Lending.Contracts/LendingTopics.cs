namespace Library.Lending.Contracts;

/// <summary>CAP topic names of the Lending service's integration events.</summary>
public static class LendingTopics
{
    public const string BookAdded = "book.added";
    public const string CopyAdded = "copy.added";
    public const string LoanCreated = "loan.created";
    public const string LoanRenewed = "loan.renewed";
    public const string LoanReturned = "loan.returned";
    public const string LoanLost = "loan.lost";
    public const string FineAssessed = "fine.assessed";
    public const string FinePaid = "fine.paid";
    public const string FineWaived = "fine.waived";
    public const string PolicyChanged = "policy.changed";
    public const string CalendarChanged = "calendar.changed";
    public const string CategoryChanged = "category.changed";
    public const string HoldPlaced = "hold.placed";
    public const string HoldReady = "hold.ready";
    public const string HoldCancelled = "hold.cancelled";
    public const string HoldExpired = "hold.expired";
    public const string HoldFulfilled = "hold.fulfilled";
    public const string ErasureChecked = "lending.erasure_checked";
}

/// <summary>Loan status as stored and published; "overdue" is not a stored status but computed from the clock.</summary>
public static class LoanStatuses
{
    public const string Active = "active";
    public const string Overdue = "overdue";
    public const string Returned = "returned";
    public const string Lost = "lost";
}

/// <summary>
/// Copy status as published: <c>available</c>, <c>on_loan</c>, <c>lost</c>, or <c>on_hold_shelf</c> (trapped
/// for a ready hold: only that hold's reader may check it out).
/// </summary>
public static class CopyStatuses
{
    public const string Available = "available";
    public const string OnLoan = "on_loan";
    public const string Lost = "lost";
    public const string OnHoldShelf = "on_hold_shelf";
}

/// <summary>Hold status as stored and published (spec section 6); waiting and ready are the live ones.</summary>
public static class HoldStatuses
{
    public const string Waiting = "waiting";
    public const string Ready = "ready";
    public const string Fulfilled = "fulfilled";
    public const string Cancelled = "cancelled";
    public const string Expired = "expired";

    public static bool IsLive(string status) => status is Waiting or Ready;
}
