using Library.BuildingBlocks.Contracts;
using Library.BuildingBlocks.Results;
using Library.BuildingBlocks.Validation;
using Mediator;

namespace Library.Lending.Command.Loans.Return;

internal sealed record ReturnLoanRequest(string? Comment, DateTimeOffset? OccurredAt);

internal sealed record ReturnLoanCommand(Guid LoanId, long? ExpectedVersion, [property: FreeText] string? Comment, DateTimeOffset? OccurredAt, Actor Actor)
    : ICommand<Result<ReturnLoanResponse>>;

/// <summary>
/// The answer of a return by loan id: the spec's <c>{returnedAt, daysOverdue, fine}</c> and, as the check-in by
/// barcode answers, the reader and where the copy goes (<c>shelf</c>, or <c>hold_shelf</c> with the hold).
/// </summary>
internal sealed record ReturnLoanResponse(
    Guid LoanId, ReaderReference Reader, DateTimeOffset ReturnedAt, int DaysOverdue, FineResponse? Fine, string RouteTo, TrappedHold? Hold, long Version)
{
    public static ReturnLoanResponse From(LoanReturn returned) =>
        new(returned.LoanId, returned.Reader, returned.ReturnedAt, returned.DaysOverdue, returned.Fine, returned.RouteTo, returned.Hold, returned.Version);
}
