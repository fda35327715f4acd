using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Library.BuildingBlocks.ReadStore;
using Library.BuildingBlocks.ReadStore.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Library.BuildingBlocks.Tests;

public sealed class InstrumentedReadStoreTests
{
    [Fact]
    public async Task An_update_reaches_the_store_and_is_timed_as_update_or_update_get()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new ReadStoreMetrics(services.GetRequiredService<IMeterFactory>());
        var timed = new ConcurrentQueue<(string Operation, string Outcome)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ReadStoreMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            string? operation = null, outcome = null;
            foreach (var tag in tags)
            {
                operation = tag.Key == "db.operation.name" ? (string?)tag.Value : operation;
                outcome = tag.Key == "outcome" ? (string?)tag.Value : outcome;
            }

            timed.Enqueue((operation!, outcome!));
        });
        listener.Start();
        using var provider = new SqliteReadStoreProvider(Path.Combine(Path.GetTempPath(), "library-instrumented", Guid.NewGuid().ToString("N")));
        var store = new InstrumentedReadStore<ContractDocument>(provider.Open<ContractDocument>("contract", "timed", []), metrics, "timed");

        Assert.True(await store.UpdateAsync("a", ReadUpdate.Increment(nameof(ContractDocument.AmountCents), 2), upsert: true));
        Assert.False(await store.UpdateAsync("a", ReadUpdate.Increment(nameof(ContractDocument.AmountCents)), ReadFilter.Gt(nameof(ContractDocument.AmountCents), 5L)));
        await Assert.ThrowsAsync<ArgumentException>(() => store.UpdateAsync("a", ReadUpdate.Set(nameof(IReadDocument.Id), "b")));

        Assert.Equal(2, (await store.GetAsync("a"))!.AmountCents);
        Assert.Equal(3, (await store.UpdateAndGetAsync("a", ReadUpdate.Increment(nameof(ContractDocument.AmountCents))))!.AmountCents);
        Assert.Equal([("update", "ok"), ("update", "ok"), ("update", "failed"), ("get", "ok"), ("update_get", "ok")], timed.ToArray());
    }
}
