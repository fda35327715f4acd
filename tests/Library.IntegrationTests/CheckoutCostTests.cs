using System.Collections.Concurrent;
using System.Data.Common;
using Library.Lending.Command.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Library.IntegrationTests;

/// <summary>
/// What one checkout costs the Lending command store in EF Core commands, counted by an interceptor on
/// the module's context (the loan number's own connection and CAP's post-commit status update are not
/// EF commands). A cheaper checkout lowers the number; it must not raise it. ADR 0026 gives the profile.
/// </summary>
public sealed class CheckoutCostTests(CheckoutCostTests.CountingAppFactory app) : IClassFixture<CheckoutCostTests.CountingAppFactory>
{
    [Fact]
    public async Task A_checkout_sends_a_fixed_number_of_commands_and_sets_no_savepoint()
    {
        using var desk = app.CreateLibrarianClient();
        var (_, barcodes) = await desk.AddBookWithCopies(1);
        var readerId = await app.RegisterBorrower(desk);

        app.Counter.Clear();
        await desk.Checkout(readerId, barcodes[0]);
        var checkout = app.Counter.Drain();

        // Two locks and two reads (reader, copy), the policy, the reader's standing, the book; one batch
        // with the copy's update and the loan's insert (CAP writes the outbox row on the same connection,
        // not through EF). No SAVEPOINT: the unit of work rolls the whole transaction back on any failure,
        // and it cost one more round trip in every command.
        Assert.DoesNotContain("savepoint", checkout);
        Assert.Equal(8, checkout.Count(c => c == "command"));
    }

    public sealed class CountingAppFactory : LibraryAppFactory
    {
        public CommandCounter Counter { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.ConfigureDbContext<LendingDbContext>(options => options.AddInterceptors(Counter)));
        }
    }

    /// <summary>Names each command and savepoint of the contexts it is added to, in order.</summary>
    public sealed class CommandCounter : DbCommandInterceptor, IDbTransactionInterceptor
    {
        private readonly ConcurrentQueue<string> _seen = new();

        public void Clear() => _seen.Clear();

        public List<string> Drain()
        {
            var drained = new List<string>();
            while (_seen.TryDequeue(out var item))
            {
                drained.Add(item);
            }

            return drained;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            _seen.Enqueue("command");
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            _seen.Enqueue("command");
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            _seen.Enqueue("command");
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        public ValueTask<InterceptionResult> CreatingSavepointAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            _seen.Enqueue("savepoint");
            return ValueTask.FromResult(result);
        }
    }
}
