namespace Library.Benchmarks;

/// <summary>Everything one run measured; what a scenario did not run stays null.</summary>
internal sealed class BenchmarkResults(BenchmarkSettings settings, DateTimeOffset startedAt)
{
    public BenchmarkSettings Settings { get; } = settings;

    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>Development host, first start on a fresh database (migrations included).</summary>
    public TimeSpan? FirstStart { get; set; }

    /// <summary>Development host, a later start on an existing database and the large read store.</summary>
    public TimeSpan? LargeStoreStart { get; set; }

    public double? IdleResidentMiB { get; set; }

    public double? LoadResidentMiB { get; set; }

    public IReadOnlyList<RateResult>? Checkout { get; set; }

    public PgbenchResult? Pgbench { get; set; }

    public IReadOnlyList<RateResult>? Broker { get; set; }

    public IReadOnlyList<RateResult>? Services { get; set; }

    public ReadPathResult? Reads { get; set; }

    public SignInCostResult? SignIn { get; set; }

    public DeskCostResult? Desk { get; set; }
}
