using DotNetCore.CAP;
using Library.Lending.Contracts;
using Library.Reader.Command.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Library.Reader.Command.Replicas;

/// <summary>
/// Feeds <c>reader.lending_obligations</c>, the replica the erasure guard reads: one row per loan with
/// whether it is open and what its fine still owes, kept at the newest loan version by a single
/// guarded upsert, so redelivered and reordered events are harmless.
/// </summary>
internal sealed class LendingObligationProjection(ReaderDbContext db) : ICapSubscribe
{
    public const string Group = ReaderCommandModule.Name;

    [CapSubscribe(LendingTopics.LoanCreated, Group = Group)]
    public Task On(LoanCreated message, CancellationToken cancellationToken) => Apply(message.LoanId, message.Version, message.Loan, cancellationToken);

    [CapSubscribe(LendingTopics.LoanRenewed, Group = Group)]
    public Task On(LoanRenewed message, CancellationToken cancellationToken) => Apply(message.LoanId, message.Version, message.Loan, cancellationToken);

    [CapSubscribe(LendingTopics.LoanReturned, Group = Group)]
    public Task On(LoanReturned message, CancellationToken cancellationToken) => Apply(message.LoanId, message.Version, message.Loan, cancellationToken);

    [CapSubscribe(LendingTopics.LoanLost, Group = Group)]
    public Task On(LoanLost message, CancellationToken cancellationToken) => Apply(message.LoanId, message.Version, message.Loan, cancellationToken);

    [CapSubscribe(LendingTopics.FineAssessed, Group = Group)]
    public Task On(FineAssessed message, CancellationToken cancellationToken) => Apply(message.LoanId, message.Version, message.Loan, cancellationToken);

    [CapSubscribe(LendingTopics.FinePaid, Group = Group)]
    public Task On(FinePaid message, CancellationToken cancellationToken) => Apply(message.LoanId, message.Version, message.Loan, cancellationToken);

    [CapSubscribe(LendingTopics.FineWaived, Group = Group)]
    public Task On(FineWaived message, CancellationToken cancellationToken) => Apply(message.LoanId, message.Version, message.Loan, cancellationToken);

    private async Task Apply(Guid loanId, long version, LoanSnapshot loan, CancellationToken cancellationToken)
    {
        var open = loan.Status == LoanStatuses.Active;
        var owed = loan.Fine?.BalanceCents ?? 0;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO reader.lending_obligations AS current (source_id, reader_id, version, is_open_loan, owed_cents)
            VALUES ({loanId}, {loan.ReaderId}, {version}, {open}, {owed})
            ON CONFLICT (source_id) DO UPDATE
            SET version = excluded.version, is_open_loan = excluded.is_open_loan, owed_cents = excluded.owed_cents
            WHERE current.version < excluded.version
            """,
            cancellationToken);
    }
}
