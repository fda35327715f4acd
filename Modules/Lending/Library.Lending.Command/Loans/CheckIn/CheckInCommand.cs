using Library.BuildingBlocks.Contracts;
using Library.BuildingBlocks.Results;
using Library.BuildingBlocks.Validation;
using Mediator;

namespace Library.Lending.Command.Loans.CheckIn;

/// <summary>What a desk scanner sends: the copy's barcode, and the return's comment and offline time if any.</summary>
internal sealed record CheckInRequest(string? Barcode, string? Comment, DateTimeOffset? OccurredAt);

internal sealed record CheckInCommand(string? Barcode, [property: FreeText] string? Comment, DateTimeOffset? OccurredAt, Actor Actor)
    : ICommand<Result<CheckInResponse>>
{
    public static CheckInCommand From(CheckInRequest form, Actor actor) => new(form.Barcode, form.Comment, form.OccurredAt, actor);
}

/// <summary>
/// The returned loan and where the copy goes: <c>shelf</c>, or <c>hold_shelf</c> with the <c>hold</c> it was trapped for.
/// <c>version</c> is the loan's, as after <c>POST /api/loans/{loanId}/return</c>.
/// </summary>
internal sealed record CheckInResponse(
    Guid LoanId,
    ReaderReference Reader,
    DateTimeOffset ReturnedAt,
    int DaysOverdue,
    FineResponse? Fine,
    string RouteTo,
    TrappedHold? Hold,
    long Version)
{
    public static CheckInResponse From(LoanReturn returned) => new(
        returned.LoanId, returned.Reader, returned.ReturnedAt, returned.DaysOverdue, returned.Fine, returned.RouteTo, returned.Hold, returned.Version);
}
