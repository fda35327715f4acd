using Library.BuildingBlocks.Contracts;
using Library.BuildingBlocks.Results;
using Library.Lending.Contracts;

namespace Library.Lending.Command.Domain;

internal enum LoanStatus
{
    Active,
    Returned,
    Lost,
}

/// <summary>
/// A loan of one copy to one reader, and the fine it may incur. The fine lives inside the loan
/// because it is capped per loan and assessed by the loan's own transitions; every change to
/// either bumps <see cref="Version"/>, which the loan and fine events carry.
/// The terms (loan period, renewals, fine per day, cap, currency) are fixed at checkout from the reader's
/// category and the policy (<see cref="LoanTerms"/>): the reader borrowed on those terms (spec section 6).
/// </summary>
internal sealed class Loan
{
    public const int ReturnCommentMaxLength = 1024;
    public const int WaiverReasonMaxLength = 500;

    private Loan()
    {
    }

    public Guid Id { get; private set; }

    public string LoanNumber { get; private set; } = "";

    public Guid ReaderId { get; private set; }

    public Guid CopyId { get; private set; }

    public string Isbn { get; private set; } = "";

    public string Title { get; private set; } = "";

    public string Barcode { get; private set; } = "";

    public DateTimeOffset CheckedOutAt { get; private set; }

    public DateTimeOffset DueDate { get; private set; }

    public int Renewals { get; private set; }

    public DateTimeOffset? ReturnedAt { get; private set; }

    public DateTimeOffset? LostAt { get; private set; }

    public string? ReturnComment { get; private set; }

    public LoanStatus Status { get; private set; }

    public int LoanPeriodDays { get; private set; }

    public int MaxRenewals { get; private set; }

    public long FinePerDayCents { get; private set; }

    public long MaxFinePerLoanCents { get; private set; }

    public string Currency { get; private set; } = "EUR";

    public Fine? Fine { get; private set; }

    /// <summary>Who lent it: the librarian at the desk (or the reader at a self-check kiosk).</summary>
    public Actor CheckedOutBy { get; private set; } = Actor.Anonymous;

    public Actor? ReturnedBy { get; private set; }

    public Actor? LostDeclaredBy { get; private set; }

    public long Version { get; private set; }

    /// <summary>Every refusal rule of a checkout, the reader's standing before the copy; null when it may go ahead.</summary>
    /// <remarks>
    /// A copy on the hold shelf may go only to the reader it is trapped for (<paramref name="trappedFor"/>, the
    /// reader of its ready hold): anyone else is refused <c>copy.on_hold</c>, after their own refusals.
    /// </remarks>
    public static Error? CheckoutRefusal(ReaderEligibility reader, ReaderStanding standing, Copy copy, LendingPolicy policy, LoanTerms terms, Guid? trappedFor) =>
        ReaderRefusal(reader, standing, policy, terms) ?? copy.Status switch
        {
            CopyStatus.Available => null,
            CopyStatus.OnHoldShelf when trappedFor == reader.ReaderId => null,
            CopyStatus.OnHoldShelf => LendingErrors.CopyOnHold(copy.Barcode),
            _ => LendingErrors.CopyNotAvailable(copy.Barcode, StatusName(copy.Status)),
        };

    /// <summary>
    /// The refusals that concern the reader, in the order a checkout checks them; a hold placement checks the
    /// same (spec section 6), so they live here once.
    /// </summary>
    public static Error? ReaderRefusal(ReaderEligibility reader, ReaderStanding standing, LendingPolicy policy, LoanTerms terms)
    {
        switch (reader.Status)
        {
            case ReaderEligibilityStatus.Erased:
                return LendingErrors.ReaderErased();
            case ReaderEligibilityStatus.Suspended:
                return LendingErrors.ReaderSuspended();
        }

        if (reader.IsErasurePending)
        {
            return LendingErrors.ErasurePending();
        }

        if (standing.OpenLoans >= terms.MaxActiveLoans)
        {
            return LendingErrors.LoanLimitReached(terms.MaxActiveLoans);
        }

        if (standing.OverdueLoans > 0)
        {
            return LendingErrors.HasOverdueLoans(standing.OverdueLoans);
        }

        if (standing.FinesOwedCents > policy.MaxFinesOwedCents)
        {
            return LendingErrors.OwesFines(standing.FinesOwedCents, policy.MaxFinesOwedCents);
        }

        return null;
    }

    private static string StatusName(CopyStatus status) => status switch
    {
        CopyStatus.OnLoan => CopyStatuses.OnLoan,
        CopyStatus.OnHoldShelf => CopyStatuses.OnHoldShelf,
        _ => CopyStatuses.Lost,
    };

    /// <summary>Creates the loan and puts the copy on loan, unless a rule refuses it.</summary>
    public static Result<Loan> CheckOut(
        Guid id,
        string loanNumber,
        ReaderEligibility reader,
        ReaderStanding standing,
        string title,
        Copy copy,
        LendingPolicy policy,
        LoanTerms terms,
        Guid? trappedFor,
        ClosedDays closed,
        Actor by,
        DateTimeOffset checkedOutAt)
    {
        if (CheckoutRefusal(reader, standing, copy, policy, terms, trappedFor) is { } refusal)
        {
            return refusal;
        }

        copy.CheckOut();
        return new Loan
        {
            Id = id,
            LoanNumber = loanNumber,
            ReaderId = reader.ReaderId,
            CopyId = copy.Id,
            Isbn = copy.Isbn,
            Title = title,
            Barcode = copy.Barcode,
            CheckedOutAt = checkedOutAt,
            DueDate = OverdueRules.DueDate(checkedOutAt, terms.LoanPeriodDays, closed),
            Status = LoanStatus.Active,
            LoanPeriodDays = terms.LoanPeriodDays,
            MaxRenewals = terms.MaxRenewals,
            FinePerDayCents = terms.FinePerDayCents,
            MaxFinePerLoanCents = terms.MaxFinePerLoanCents,
            Currency = policy.Currency,
            CheckedOutBy = by,
            Version = 1,
        };
    }

    public bool IsOverdue(DateTimeOffset now) => Status == LoanStatus.Active && OverdueRules.IsOverdue(DueDate, now);

    /// <summary>
    /// A renewal adds the loan's own period to the due date, and moves it on past closed days as a checkout does;
    /// refused while another reader waits for the title (<paramref name="titleHasWaitingHolds"/>, read under the
    /// title's lock by the caller).
    /// </summary>
    public Result Renew(ClosedDays closed, DateTimeOffset now, bool titleHasWaitingHolds)
    {
        var open = EnsureOpen();
        if (!open.IsSuccess)
        {
            return open;
        }

        if (IsOverdue(now))
        {
            return LendingErrors.LoanOverdue();
        }

        if (Renewals >= MaxRenewals)
        {
            return LendingErrors.RenewalLimitReached(MaxRenewals);
        }

        if (titleHasWaitingHolds)
        {
            return LendingErrors.TitleOnHold();
        }

        DueDate = OverdueRules.DueDate(DueDate, LoanPeriodDays, closed);
        Renewals++;
        Version++;
        return Result.Success();
    }

    /// <summary>
    /// Records the return; a late one assesses the late fee in the same change (one new version), the
    /// days the library was closed left out (<paramref name="closed"/> must hold those after the due date).
    /// </summary>
    public Result<int> Return(Copy copy, string? comment, Actor by, DateTimeOffset returnedAt, Guid fineId, ClosedDays closed)
    {
        var open = EnsureOpen();
        if (!open.IsSuccess)
        {
            return open.Error;
        }

        if (returnedAt < CheckedOutAt)
        {
            return LendingErrors.ReturnBeforeCheckout();
        }

        ReturnedAt = returnedAt;
        ReturnedBy = by;
        ReturnComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        Status = LoanStatus.Returned;
        copy.GiveBack();
        Version++;

        var lateFee = OverdueRules.LateFeeCents(DueDate, returnedAt, FinePerDayCents, MaxFinePerLoanCents, closed);
        if (lateFee > 0)
        {
            Assess(fineId, lateFee, lostFeeCents: 0, returnedAt);
        }

        return OverdueRules.DaysOverdue(DueDate, returnedAt, closed);
    }

    /// <summary>The copy is lost: the lost-item fee plus the late fee accrued so far (capped) is assessed.</summary>
    public Result DeclareLost(Copy copy, LendingPolicy policy, Actor by, DateTimeOffset now, Guid fineId, ClosedDays closed)
    {
        var open = EnsureOpen();
        if (!open.IsSuccess)
        {
            return open;
        }

        LostAt = now;
        LostDeclaredBy = by;
        Status = LoanStatus.Lost;
        copy.MarkLost();
        Version++;

        var lateFee = OverdueRules.LateFeeCents(DueDate, now, FinePerDayCents, MaxFinePerLoanCents, closed);
        if (lateFee + policy.LostItemFeeCents > 0)
        {
            Assess(fineId, lateFee, policy.LostItemFeeCents, now);
        }

        return Result.Success();
    }

    public Result Pay(long amountCents, Actor by, DateTimeOffset now)
    {
        var paid = Fine!.Pay(amountCents, by, now);
        if (paid.IsSuccess)
        {
            Version++;
        }

        return paid;
    }

    public Result<long> Waive(string reason, Actor by, DateTimeOffset now)
    {
        var waived = Fine!.Waive(reason, by, now);
        if (waived.IsSuccess)
        {
            Version++;
        }

        return waived;
    }

    /// <summary>Part of the closing change (return or loss), so no version of its own: no consumer may see the loan closed without its fine.</summary>
    private void Assess(Guid fineId, long lateFeeCents, long lostFeeCents, DateTimeOffset at) =>
        Fine = new Fine(fineId, lateFeeCents, lostFeeCents, at);

    private Result EnsureOpen() => Status switch
    {
        LoanStatus.Returned => LendingErrors.AlreadyReturned(),
        LoanStatus.Lost => LendingErrors.LoanLost(),
        _ => Result.Success(),
    };
}

/// <summary>A loan's fine: assessed once, then paid down or waived; the balance never goes negative.</summary>
internal sealed class Fine
{
    public Fine(Guid fineId, long lateFeeCents, long lostFeeCents, DateTimeOffset assessedAt)
    {
        FineId = fineId;
        LateFeeCents = lateFeeCents;
        LostFeeCents = lostFeeCents;
        AssessedAt = assessedAt;
    }

    private readonly List<FinePayment> _payments = [];

    private Fine()
    {
    }

    public Guid FineId { get; private set; }

    public long LateFeeCents { get; private set; }

    public long LostFeeCents { get; private set; }

    public long PaidCents { get; private set; }

    public long WaivedCents { get; private set; }

    public string? WaiverReason { get; private set; }

    public DateTimeOffset? WaivedAt { get; private set; }

    // An owned type cannot hold a complex property in EF Core 10, so the actor is two columns here.
    public string? WaivedBySubject { get; private set; }

    public string? WaivedByRole { get; private set; }

    public Actor? WaivedBy => WaivedBySubject is null ? null : new Actor(WaivedBySubject, WaivedByRole!);

    /// <summary>Every payment, oldest first: what was paid, when and to whom.</summary>
    public IReadOnlyList<FinePayment> Payments => _payments;

    public DateTimeOffset AssessedAt { get; private set; }

    public long AssessedCents => LateFeeCents + LostFeeCents;

    public long BalanceCents => AssessedCents - PaidCents - WaivedCents;

    internal Result Pay(long amountCents, Actor by, DateTimeOffset now)
    {
        if (BalanceCents == 0)
        {
            return LendingErrors.FineSettled();
        }

        if (amountCents > BalanceCents)
        {
            return LendingErrors.PaymentExceedsBalance(amountCents, BalanceCents);
        }

        PaidCents += amountCents;
        _payments.Add(new FinePayment(amountCents, now, by));
        return Result.Success();
    }

    /// <summary>Waives what is left; returns the amount waived.</summary>
    internal Result<long> Waive(string reason, Actor by, DateTimeOffset now)
    {
        if (BalanceCents == 0)
        {
            return LendingErrors.FineSettled();
        }

        var waived = BalanceCents;
        WaivedCents += waived;
        WaiverReason = reason.Trim();
        WaivedAt = now;
        WaivedBySubject = by.Subject;
        WaivedByRole = by.Role;
        return waived;
    }
}

/// <summary>One payment towards a fine; part of the loan aggregate, so it is written in the payment's transaction.</summary>
internal sealed class FinePayment
{
    public FinePayment(long amountCents, DateTimeOffset paidAt, Actor paidBy)
    {
        AmountCents = amountCents;
        PaidAt = paidAt;
        PaidBySubject = paidBy.Subject;
        PaidByRole = paidBy.Role;
    }

    private FinePayment()
    {
    }

    public long AmountCents { get; private set; }

    public DateTimeOffset PaidAt { get; private set; }

    // Owned, so two columns rather than a complex property (see Fine.WaivedBy).
    public string PaidBySubject { get; private set; } = "";

    public string PaidByRole { get; private set; } = "";

    public Actor PaidBy => new(PaidBySubject, PaidByRole);
}
