using Library.BuildingBlocks.Contracts;
using Library.BuildingBlocks.Results;
using Library.BuildingBlocks.Validation;
using Mediator;

namespace Library.Lending.Command.Loans.Return;

internal sealed record ReturnLoanRequest(string? Comment, DateTimeOffset? OccurredAt);

internal sealed record ReturnLoanCommand(Guid LoanId, long? ExpectedVersion, [property: FreeText] string? Comment, DateTimeOffset? OccurredAt, Actor Actor)
    : ICommand<Result<ReturnLoanResponse>>;

/// <summary>The answer of a return by loan id; the desk's check-in by barcode adds where the copy goes.</summary>
internal sealed record ReturnLoanResponse(Guid LoanId, ReaderReference Reader, DateTimeOffset ReturnedAt, int DaysOverdue, FineResponse? Fine, long Version)
{
    public static ReturnLoanResponse From(LoanReturn returned) =>
        new(returned.LoanId, returned.Reader, returned.ReturnedAt, returned.DaysOverdue, returned.Fine, returned.Version);
}
