namespace Library.Lending.Command.Fines;

/// <summary>The fine after a payment or waiver; <paramref name="Version"/> is the version of the loan it belongs to.</summary>
internal sealed record FineBalanceResponse(Guid FineId, Guid LoanId, long AssessedCents, long PaidCents, long WaivedCents, long BalanceCents, string Currency, long Version);
