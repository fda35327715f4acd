using Library.BuildingBlocks.Results;
using Mediator;

namespace Library.Lending.Command.Loans.Checkout;

/// <summary><paramref name="OccurredAt"/> records a checkout made earlier (offline circulation); absent means now.</summary>
internal sealed record CheckoutCommand(Guid? ReaderId, string? Barcode, DateTimeOffset? OccurredAt) : ICommand<Result<CheckoutResponse>>;

internal sealed record CheckoutResponse(Guid LoanId, string LoanNumber, DateTimeOffset DueDate, long Version);
