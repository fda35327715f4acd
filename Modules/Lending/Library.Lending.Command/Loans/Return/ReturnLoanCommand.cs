using Library.BuildingBlocks.Contracts;
using Library.BuildingBlocks.Results;
using Library.BuildingBlocks.Validation;
using Library.Lending.Command.Holds;
using Mediator;

namespace Library.Lending.Command.Loans.Return;

internal sealed record ReturnLoanRequest(string? Comment, DateTimeOffset? OccurredAt);

internal sealed record ReturnLoanCommand(Guid LoanId, long? ExpectedVersion, [property: FreeText] string? Comment, DateTimeOffset? OccurredAt, Actor Actor)
    : ICommand<Result<ReturnLoanResponse>>;

/// <summary><paramref name="RouteTo"/>: where the librarian puts the copy, <c>shelf</c> or <c>hold_shelf</c> (then <paramref name="Hold"/> says for whom).</summary>
internal sealed record ReturnLoanResponse(Guid LoanId, DateTimeOffset ReturnedAt, int DaysOverdue, FineResponse? Fine, long Version, string RouteTo, HoldResponse? Hold);

/// <summary>Where a checked-in copy goes (spec section 6).</summary>
internal static class Routes
{
    public const string Shelf = "shelf";
    public const string HoldShelf = "hold_shelf";
}
