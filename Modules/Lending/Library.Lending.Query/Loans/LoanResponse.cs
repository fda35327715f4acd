using Library.BuildingBlocks.Contracts;
using Library.Lending.Contracts;
using Library.Lending.Query.ReadModel;

namespace Library.Lending.Query.Loans;

internal sealed record LoanReaderResponse(string ReaderId, string ReaderNumber, string Name);

internal sealed record LoanBookResponse(string Isbn, string Title);

internal sealed record FinePaymentResponse(long AmountCents, DateTime PaidAt, Actor PaidBy);

internal sealed record FineWaiverResponse(long AmountCents, string? Reason, DateTime? WaivedAt, Actor? WaivedBy);

/// <summary>
/// The fine as of now. <paramref name="AccruedCents"/> is what an open overdue loan would be charged
/// if returned now (computed per read, capped); it is 0 once the loan is closed and a fine assessed.
/// Every payment and the waiver say who made them.
/// </summary>
internal sealed record LoanFineResponse(
    string? FineId,
    long AssessedCents,
    long PaidCents,
    long WaivedCents,
    long BalanceCents,
    long AccruedCents,
    string Currency,
    IReadOnlyList<FinePaymentResponse> Payments,
    FineWaiverResponse? Waiver);

internal sealed record LoanResponse(
    string LoanId,
    string LoanNumber,
    LoanReaderResponse Reader,
    LoanBookResponse Book,
    string Barcode,
    DateTime CheckedOutAt,
    DateTime DueDate,
    DateTime? ReturnedAt,
    DateTime? LostAt,
    string Status,
    int DaysOverdue,
    int Renewals,
    string? ReturnComment,
    LoanFineResponse Fine,
    Actor CheckedOutBy,
    Actor? ReturnedBy,
    Actor? LostDeclaredBy,
    long Version)
{
    /// <summary>
    /// Status, days overdue and the accrued fine depend on the clock and the calendar, so they are computed
    /// here, per read, by the rules the command side assesses with (<see cref="OverdueRules"/>).
    /// </summary>
    public static LoanResponse From(LoanDocument loan, DateTimeOffset now, ClosedDays closed)
    {
        var dueDate = new DateTimeOffset(loan.DueDate, TimeSpan.Zero);
        var open = loan.Status == LoanStatuses.Active;
        var closedAt = loan.ReturnedAt ?? loan.LostAt;
        var daysOverdue = OverdueRules.DaysOverdue(dueDate, open ? now : new DateTimeOffset(closedAt!.Value, TimeSpan.Zero), closed);
        var status = open && OverdueRules.IsOverdue(dueDate, now) ? LoanStatuses.Overdue : loan.Status;
        var accrued = open ? OverdueRules.LateFeeCents(dueDate, now, loan.FinePerDayCents, loan.MaxFinePerLoanCents, closed) : 0;
        var fine = loan.Fine;
        return new LoanResponse(
            loan.Id,
            loan.LoanNumber,
            new LoanReaderResponse(loan.ReaderId, loan.ReaderNumber, loan.ReaderName),
            new LoanBookResponse(loan.Isbn, loan.Title),
            loan.Barcode,
            loan.CheckedOutAt,
            loan.DueDate,
            loan.ReturnedAt,
            loan.LostAt,
            status,
            daysOverdue,
            loan.Renewals,
            loan.ReturnComment,
            new LoanFineResponse(
                fine?.FineId,
                fine?.AssessedCents ?? 0,
                fine?.PaidCents ?? 0,
                fine?.WaivedCents ?? 0,
                fine?.BalanceCents ?? 0,
                accrued,
                loan.Currency,
                [.. (fine?.Payments ?? []).Select(p => new FinePaymentResponse(p.AmountCents, p.PaidAt, p.PaidBy.ToActor()))],
                fine is { WaivedCents: > 0 } ? new FineWaiverResponse(fine.WaivedCents, fine.WaiverReason, fine.WaivedAt, fine.WaivedBy?.ToActor()) : null),
            loan.CheckedOutBy.ToActor(),
            loan.ReturnedBy?.ToActor(),
            loan.LostDeclaredBy?.ToActor(),
            loan.Version);
    }
}

/// <summary>
/// A page of loans. <paramref name="Next"/> is the cursor of the page after this one (send it as
/// <c>after</c>), null on the last page; <paramref name="Page"/> is 0 on a page reached by cursor (ADR 0024).
/// </summary>
internal sealed record LoanPageResponse(IReadOnlyList<LoanResponse> Items, int Page, int PageSize, long Total, string? Next = null);
