using Library.BuildingBlocks.Contracts;

namespace Library.Lending.Contracts;

/// <summary>
/// A fine belongs to its loan (it is capped per loan), so it shares the loan's version: every loan
/// and fine event carries the whole loan, fine included, and the newest loan version wins.
/// </summary>
/// <summary>One payment towards a fine, and who took it.</summary>
public sealed record FinePaymentSnapshot(long AmountCents, DateTimeOffset PaidAt, Actor PaidBy);

/// <summary>
/// The fine with its history: every payment and the waiver, each with who made it, so a consumer that
/// keeps only the newest version still has all of them (the events of one loan may arrive in any order).
/// </summary>
public sealed record FineSnapshot(
    Guid FineId,
    long LateFeeCents,
    long LostFeeCents,
    long AssessedCents,
    long PaidCents,
    long WaivedCents,
    long BalanceCents,
    string Currency,
    DateTimeOffset AssessedAt,
    string? WaiverReason,
    IReadOnlyList<FinePaymentSnapshot> Payments,
    DateTimeOffset? WaivedAt,
    Actor? WaivedBy);

/// <summary>
/// The loan as it is after the change. Reader and book names are denormalised for the read side;
/// <paramref name="ReaderVersion"/> is the version of the reader they were copied from, so a consumer
/// can tell whether its own copy of the reader is newer (after a rename or an erasure). Who checked it
/// out, returned it or declared it lost travels with it for the same reason. <paramref name="LoanPeriodDays"/>
/// and <paramref name="MaxRenewals"/> are the terms the loan was checked out on (the reader's category's or the
/// policy's, spec section 6); null in events written before loans kept them.
/// </summary>
public sealed record LoanSnapshot(
    string LoanNumber,
    Guid ReaderId,
    string ReaderNumber,
    string ReaderName,
    long ReaderVersion,
    string Isbn,
    string Title,
    Guid CopyId,
    string Barcode,
    DateTimeOffset CheckedOutAt,
    DateTimeOffset DueDate,
    int Renewals,
    DateTimeOffset? ReturnedAt,
    DateTimeOffset? LostAt,
    string? ReturnComment,
    string Status,
    FineSnapshot? Fine,
    long FinePerDayCents,
    long MaxFinePerLoanCents,
    string Currency,
    Actor CheckedOutBy,
    Actor? ReturnedBy,
    Actor? LostDeclaredBy,
    int? LoanPeriodDays = null,
    int? MaxRenewals = null);

/// <summary><c>loan.created</c>: a checkout; the copy is now on loan.</summary>
public sealed record LoanCreated(Guid EventId, DateTimeOffset OccurredAt, Actor Actor, Guid LoanId, long Version, LoanSnapshot Loan, CopySnapshot Copy);

/// <summary><c>loan.renewed</c>.</summary>
public sealed record LoanRenewed(Guid EventId, DateTimeOffset OccurredAt, Actor Actor, Guid LoanId, long Version, LoanSnapshot Loan);

/// <summary>
/// <c>loan.returned</c>: the copy is available again. A late return also publishes <c>fine.assessed</c>
/// with the same version and snapshot (the fine is part of the same change).
/// </summary>
public sealed record LoanReturned(Guid EventId, DateTimeOffset OccurredAt, Actor Actor, Guid LoanId, long Version, int DaysOverdue, LoanSnapshot Loan, CopySnapshot Copy);

/// <summary><c>loan.lost</c>: the copy is lost; <c>fine.assessed</c> follows with the same version and snapshot.</summary>
public sealed record LoanLost(Guid EventId, DateTimeOffset OccurredAt, Actor Actor, Guid LoanId, long Version, LoanSnapshot Loan, CopySnapshot Copy);

/// <summary><c>fine.assessed</c>; <paramref name="Version"/> is the loan's version.</summary>
public sealed record FineAssessed(Guid EventId, DateTimeOffset OccurredAt, Actor Actor, Guid FineId, Guid LoanId, long Version, LoanSnapshot Loan);

/// <summary><c>fine.paid</c>: a partial or full payment.</summary>
public sealed record FinePaid(Guid EventId, DateTimeOffset OccurredAt, Actor Actor, Guid FineId, Guid LoanId, long Version, long AmountCents, LoanSnapshot Loan);

/// <summary><c>fine.waived</c>: the remaining balance was waived.</summary>
public sealed record FineWaived(
    Guid EventId, DateTimeOffset OccurredAt, Actor Actor, Guid FineId, Guid LoanId, long Version, long AmountCents, string Reason, LoanSnapshot Loan);
