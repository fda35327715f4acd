using Library.BuildingBlocks.Contracts;
using Library.BuildingBlocks.Results;
using Mediator;

namespace Library.Lending.Command.Loans.Checkout;

/// <summary><paramref name="OccurredAt"/> records a checkout made earlier (offline circulation); absent means now.</summary>
internal sealed record CheckoutRequest(Guid? ReaderId, string? Barcode, DateTimeOffset? OccurredAt);

internal sealed record CheckoutCommand(Guid? ReaderId, string? Barcode, DateTimeOffset? OccurredAt, Actor Actor) : ICommand<Result<CheckoutResponse>>
{
    public static CheckoutCommand From(CheckoutRequest form, Actor actor) => new(form.ReaderId, form.Barcode, form.OccurredAt, actor);
}

internal sealed record CheckoutResponse(Guid LoanId, string LoanNumber, DateTimeOffset DueDate, long Version);
