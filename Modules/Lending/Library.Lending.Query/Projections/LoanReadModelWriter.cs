using Library.BuildingBlocks.ReadStore;
using Library.Lending.Contracts;
using Library.Lending.Query.ReadModel;

namespace Library.Lending.Query.Projections;

/// <summary>
/// Applies one loan event to the read models: the loan document (newest loan version wins) and the
/// copy's status (newest copy version wins). The statistics follow in their own group
/// (<see cref="LoanStatisticsProjection"/>).
/// </summary>
internal sealed class LoanReadModelWriter(
    IReadStore<LoanDocument> loans,
    IReadStore<CopyDocument> copies,
    IReadStore<LoanReaderDocument> readers,
    ReaderStamps stamps)
{
    public async Task ApplyAsync(Guid loanId, long version, DateTimeOffset occurredAt, LoanSnapshot loan, CopySnapshot? copy, CancellationToken ct)
    {
        // The reader fields come from whichever is newer: the event, or our own copy of the reader
        // (a rename or erasure may have reached us before this loan event).
        var known = await readers.GetAsync(loan.ReaderId.ToString(), ct);
        var document = ToDocument(loanId, version, occurredAt, loan);
        if (known is not null && known.Version > loan.ReaderVersion)
        {
            ReaderStamps.Stamp(document, known);
        }

        await loans.UpsertIfNewerAsync(document, ct);
        if (copy is not null)
        {
            await copies.UpsertIfNewerAsync(CatalogueProjection.ToDocument(copy), ct);
        }

        // A reader change that landed between our read and our write would otherwise be lost on this loan.
        if (await readers.GetAsync(loan.ReaderId.ToString(), ct) is { } latest && latest.Version > document.ReaderVersion)
        {
            await stamps.RestampLoansAsync(latest, ct);
        }
    }

    internal static LoanDocument ToDocument(Guid loanId, long version, DateTimeOffset occurredAt, LoanSnapshot loan) => new()
    {
        Id = loanId.ToString(),
        Version = version,
        LoanNumber = loan.LoanNumber,
        ReaderId = loan.ReaderId.ToString(),
        ReaderNumber = loan.ReaderNumber,
        ReaderName = loan.ReaderName,
        ReaderVersion = loan.ReaderVersion,
        Isbn = loan.Isbn,
        Title = loan.Title,
        CopyId = loan.CopyId.ToString(),
        Barcode = loan.Barcode,
        CheckedOutAt = loan.CheckedOutAt.UtcDateTime,
        DueDate = loan.DueDate.UtcDateTime,
        OpenDueDate = loan.Status == LoanStatuses.Active ? loan.DueDate.UtcDateTime : null,
        FineBalanceCents = loan.Fine?.BalanceCents ?? 0,
        OwingSince = loan.Fine is { BalanceCents: > 0 } owing ? owing.AssessedAt.UtcDateTime : null,
        ReturnedAt = loan.ReturnedAt?.UtcDateTime,
        LostAt = loan.LostAt?.UtcDateTime,
        ReturnComment = loan.ReturnComment,
        Status = loan.Status,
        Renewals = loan.Renewals,
        Fine = loan.Fine is { } fine
            ? new LoanFine
            {
                FineId = fine.FineId.ToString(),
                LateFeeCents = fine.LateFeeCents,
                LostFeeCents = fine.LostFeeCents,
                AssessedCents = fine.AssessedCents,
                PaidCents = fine.PaidCents,
                WaivedCents = fine.WaivedCents,
                BalanceCents = fine.BalanceCents,
                AssessedAt = fine.AssessedAt.UtcDateTime,
                WaiverReason = fine.WaiverReason,
                WaivedAt = fine.WaivedAt?.UtcDateTime,
                WaivedBy = ActorDocument.From(fine.WaivedBy),
                Payments = [.. fine.Payments.Select(p => new LoanFinePayment { AmountCents = p.AmountCents, PaidAt = p.PaidAt.UtcDateTime, PaidBy = ActorDocument.From(p.PaidBy) })],
            }
            : null,
        FinePerDayCents = loan.FinePerDayCents,
        MaxFinePerLoanCents = loan.MaxFinePerLoanCents,
        Currency = loan.Currency,
        CheckedOutBy = ActorDocument.From(loan.CheckedOutBy),
        ReturnedBy = ActorDocument.From(loan.ReturnedBy),
        LostDeclaredBy = ActorDocument.From(loan.LostDeclaredBy),
        UpdatedAt = occurredAt.UtcDateTime,
    };
}
