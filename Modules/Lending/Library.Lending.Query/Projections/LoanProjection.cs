using DotNetCore.CAP;
using Library.Lending.Contracts;

namespace Library.Lending.Query.Projections;

/// <summary>Loan and fine events: every one carries the whole loan, so each is the same "apply the snapshot".</summary>
internal sealed class LoanProjection(LoanReadModelWriter writer) : ICapSubscribe
{
    public const string Group = LendingQueryModule.Name;

    [CapSubscribe(LendingTopics.LoanCreated, Group = Group)]
    public Task On(LoanCreated message, CancellationToken cancellationToken) =>
        writer.ApplyAsync(message.LoanId, message.Version, message.OccurredAt, message.Loan, message.Copy, cancellationToken);

    [CapSubscribe(LendingTopics.LoanRenewed, Group = Group)]
    public Task On(LoanRenewed message, CancellationToken cancellationToken) =>
        writer.ApplyAsync(message.LoanId, message.Version, message.OccurredAt, message.Loan, copy: null, cancellationToken);

    [CapSubscribe(LendingTopics.LoanReturned, Group = Group)]
    public Task On(LoanReturned message, CancellationToken cancellationToken) =>
        writer.ApplyAsync(message.LoanId, message.Version, message.OccurredAt, message.Loan, message.Copy, cancellationToken);

    [CapSubscribe(LendingTopics.LoanLost, Group = Group)]
    public Task On(LoanLost message, CancellationToken cancellationToken) =>
        writer.ApplyAsync(message.LoanId, message.Version, message.OccurredAt, message.Loan, message.Copy, cancellationToken);

    [CapSubscribe(LendingTopics.FineAssessed, Group = Group)]
    public Task On(FineAssessed message, CancellationToken cancellationToken) =>
        writer.ApplyAsync(message.LoanId, message.Version, message.OccurredAt, message.Loan, copy: null, cancellationToken);

    [CapSubscribe(LendingTopics.FinePaid, Group = Group)]
    public Task On(FinePaid message, CancellationToken cancellationToken) =>
        writer.ApplyAsync(message.LoanId, message.Version, message.OccurredAt, message.Loan, copy: null, cancellationToken);

    [CapSubscribe(LendingTopics.FineWaived, Group = Group)]
    public Task On(FineWaived message, CancellationToken cancellationToken) =>
        writer.ApplyAsync(message.LoanId, message.Version, message.OccurredAt, message.Loan, copy: null, cancellationToken);
}
