using DotNetCore.CAP;
using Library.BuildingBlocks.ReadStore;
using Library.Lending.Contracts;
using Library.Reader.Query.ReadModel;

namespace Library.Reader.Query.Projections;

/// <summary>Keeps one fact per loan for the reader's counts; every loan and fine event carries the whole loan.</summary>
internal sealed class ReaderLoansProjection(IReadStore<ReaderLoanDocument> loans) : ICapSubscribe
{
    [CapSubscribe(LendingTopics.LoanCreated, Group = ReaderProjection.Group)]
    public Task On(LoanCreated message, CancellationToken cancellationToken) => Apply(message.LoanId, message.Version, message.Loan, cancellationToken);

    [CapSubscribe(LendingTopics.LoanRenewed, Group = ReaderProjection.Group)]
    public Task On(LoanRenewed message, CancellationToken cancellationToken) => Apply(message.LoanId, message.Version, message.Loan, cancellationToken);

    [CapSubscribe(LendingTopics.LoanReturned, Group = ReaderProjection.Group)]
    public Task On(LoanReturned message, CancellationToken cancellationToken) => Apply(message.LoanId, message.Version, message.Loan, cancellationToken);

    [CapSubscribe(LendingTopics.LoanLost, Group = ReaderProjection.Group)]
    public Task On(LoanLost message, CancellationToken cancellationToken) => Apply(message.LoanId, message.Version, message.Loan, cancellationToken);

    [CapSubscribe(LendingTopics.FineAssessed, Group = ReaderProjection.Group)]
    public Task On(FineAssessed message, CancellationToken cancellationToken) => Apply(message.LoanId, message.Version, message.Loan, cancellationToken);

    [CapSubscribe(LendingTopics.FinePaid, Group = ReaderProjection.Group)]
    public Task On(FinePaid message, CancellationToken cancellationToken) => Apply(message.LoanId, message.Version, message.Loan, cancellationToken);

    [CapSubscribe(LendingTopics.FineWaived, Group = ReaderProjection.Group)]
    public Task On(FineWaived message, CancellationToken cancellationToken) => Apply(message.LoanId, message.Version, message.Loan, cancellationToken);

    internal static ReaderLoanDocument ToDocument(Guid loanId, long version, LoanSnapshot loan) => new()
    {
        Id = loanId.ToString(),
        Version = version,
        ReaderId = loan.ReaderId.ToString(),
        Open = loan.Status == LoanStatuses.Active,
        DueDate = loan.DueDate.UtcDateTime,
        FineBalanceCents = loan.Fine?.BalanceCents ?? 0,
    };

    private Task<bool> Apply(Guid loanId, long version, LoanSnapshot loan, CancellationToken cancellationToken) =>
        loans.UpsertIfNewerAsync(ToDocument(loanId, version, loan), cancellationToken);
}
