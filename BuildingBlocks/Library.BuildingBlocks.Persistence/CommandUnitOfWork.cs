using System.Data;
using System.Diagnostics;
using DotNetCore.CAP;
using Library.BuildingBlocks.Results;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Library.BuildingBlocks.Persistence;

/// <summary>
/// Runs one command as one PostgreSQL transaction: the EF Core changes and the CAP outbox rows commit
/// together or not at all, so an event exists exactly when its state change does.
/// </summary>
public sealed class CommandUnitOfWork<TContext>(TContext db, ICapPublisher publisher)
    where TContext : DbContext, ICommandDbContext
{
    /// <summary>
    /// Executes <paramref name="work"/> inside the transaction. A failed result rolls everything back;
    /// so do stale versions (412) and unique violations the module knows (mapped to its error).
    /// </summary>
    public async Task<TResult> ExecuteAsync<TResult>(
        Func<OutboxBatch, CancellationToken, Task<TResult>> work,
        CancellationToken cancellationToken,
        IsolationLevel isolationLevel = IsolationLevel.ReadCommitted)
        where TResult : IResult<TResult>
    {
        // No savepoint before SaveChanges: EF Core sets one in a transaction it did not begin, so that a
        // failed save could be retried inside it; a failed save here rolls the whole command back, and the
        // SAVEPOINT was one more round trip to PostgreSQL in every command.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(
            isolationLevel, publisher, autoCommit: false, cancellationToken);
        try
        {
            var outbox = new OutboxBatch();
            var result = await work(outbox, cancellationToken);
            if (result.Error is not null)
            {
                await transaction.RollbackAsync(cancellationToken);
                return result;
            }

            await db.SaveChangesAsync(cancellationToken);
            var writtenAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var message in outbox.Messages)
            {
                using var publishing = OutboxTracing.Source.StartActivity($"{message.Topic} publish", ActivityKind.Producer);
                publishing?.SetTag("messaging.destination.name", message.Topic);
                var headers = OutboxTracing.HeadersFor(publishing ?? Activity.Current);
                headers[OutboxTracing.WrittenAtHeader] = writtenAt;
                await publisher.PublishAsync(message.Topic, message.Payload, headers, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return TResult.Failure(new Error(
                CommonErrors.VersionMismatchCode,
                "The resource was changed by someone else at the same time; read it again and retry.",
                ErrorKind.PreconditionFailed));
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException
        {
            SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: { } constraint,
        } && db.TranslateUniqueViolation(constraint) is { } error)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return TResult.Failure(error);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
