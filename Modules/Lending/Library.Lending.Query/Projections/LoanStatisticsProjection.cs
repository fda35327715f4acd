using DotNetCore.CAP;
using Library.Lending.Contracts;

namespace Library.Lending.Query.Projections;

/// <summary>
/// The statistics in a consumer group of their own: counting a loan takes about ten small document
/// writes, and in the loans' group those writes delayed the loan itself becoming readable. Here they
/// lag on their own, which a statistics page can afford and a librarian looking up a loan cannot.
/// A checkout is counted from <see cref="LoanCreated"/> and a return from <see cref="LoanReturned"/>:
/// every loan has the one and every returned loan the other, so the other loan events add no fact.
/// </summary>
internal sealed class LoanStatisticsProjection(LoanStatistics statistics) : ICapSubscribe
{
    public const string Group = LendingQueryModule.Name + "-stats";

    [CapSubscribe(LendingTopics.LoanCreated, Group = Group)]
    public Task On(LoanCreated message, CancellationToken cancellationToken) =>
        statistics.CountAsync(message.LoanId, message.Loan, cancellationToken);

    [CapSubscribe(LendingTopics.LoanReturned, Group = Group)]
    public Task On(LoanReturned message, CancellationToken cancellationToken) =>
        statistics.CountAsync(message.LoanId, message.Loan, cancellationToken);
}
