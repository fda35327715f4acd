using Library.BuildingBlocks.Contracts;
using Library.BuildingBlocks.Persistence;
using Library.Lending.Command.Domain;
using Library.Lending.Command.Infrastructure;
using Library.Lending.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Library.Lending.Command.Loans;

/// <summary>Builds the loan, fine and copy parts of the integration events from the aggregates as they are after a change.</summary>
internal static class LoanEventFactory
{
    public static LoanSnapshot Snapshot(Loan loan, ReaderEligibility reader) => new(
        loan.LoanNumber,
        loan.ReaderId,
        reader.ReaderNumber,
        reader.Name,
        reader.Version,
        loan.Isbn,
        loan.Title,
        loan.CopyId,
        loan.Barcode,
        loan.CheckedOutAt,
        loan.DueDate,
        loan.Renewals,
        loan.ReturnedAt,
        loan.LostAt,
        loan.ReturnComment,
        StatusName(loan.Status),
        loan.Fine is { } fine ? FineSnapshot(fine, loan.Currency) : null,
        loan.FinePerDayCents,
        loan.MaxFinePerLoanCents,
        loan.Currency,
        loan.CheckedOutBy,
        loan.ReturnedBy,
        loan.LostDeclaredBy,
        loan.LoanPeriodDays,
        loan.MaxRenewals);

    public static CopySnapshot Snapshot(Copy copy) => new(copy.Id, copy.Version, copy.Isbn, copy.Barcode, StatusName(copy.Status));

    public static string StatusName(LoanStatus status) => status switch
    {
        LoanStatus.Active => LoanStatuses.Active,
        LoanStatus.Returned => LoanStatuses.Returned,
        LoanStatus.Lost => LoanStatuses.Lost,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string StatusName(CopyStatus status) => status switch
    {
        CopyStatus.Available => CopyStatuses.Available,
        CopyStatus.OnLoan => CopyStatuses.OnLoan,
        CopyStatus.Lost => CopyStatuses.Lost,
        CopyStatus.OnHoldShelf => CopyStatuses.OnHoldShelf,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>
    /// A return or a loss publishes its closing event and, when it assessed a fine, <c>fine.assessed</c>
    /// too. Both carry the same version and the whole loan as committed, fine included: a consumer
    /// that sees either one never sees the loan closed without its fine (the erasure guard relies on it).
    /// </summary>
    public static void AddClosingEvents(
        this OutboxBatch outbox, Loan loan, LoanSnapshot snapshot, string topic, Func<long, LoanSnapshot, object> closing, Actor by, DateTimeOffset now)
    {
        outbox.Add(topic, closing(loan.Version, snapshot));
        if (loan.Fine is { } fine)
        {
            outbox.Add(LendingTopics.FineAssessed, new FineAssessed(Guid.CreateVersion7(now), now, by, fine.FineId, loan.Id, loan.Version, snapshot));
        }
    }

    /// <summary>The reader as the loan events show them; the replica row exists for every reader who has a loan.</summary>
    public static Task<ReaderEligibility> ReaderOfAsync(this LendingDbContext db, Loan loan, CancellationToken ct) =>
        db.Readers.AsNoTracking().SingleAsync(r => r.ReaderId == loan.ReaderId, ct);

    private static FineSnapshot FineSnapshot(Fine fine, string currency) => new(
        fine.FineId,
        fine.LateFeeCents,
        fine.LostFeeCents,
        fine.AssessedCents,
        fine.PaidCents,
        fine.WaivedCents,
        fine.BalanceCents,
        currency,
        fine.AssessedAt,
        fine.WaiverReason,
        [.. fine.Payments.Select(p => new FinePaymentSnapshot(p.AmountCents, p.PaidAt, p.PaidBy))],
        fine.WaivedAt,
        fine.WaivedBy);
}

/// <summary>The fine part of command responses: <c>{fineId, amountCents, currency}</c>.</summary>
internal sealed record FineResponse(Guid FineId, long AmountCents, string Currency)
{
    public static FineResponse? From(Loan loan) => loan.Fine is { } fine ? new FineResponse(fine.FineId, fine.AssessedCents, loan.Currency) : null;
}
