namespace Library.Lending.Query.Stats.LoanStats;

/// <summary>
/// How statistics over a range of months are served (ADR 0027). <c>Statistics:RangeFreshness</c>
/// (a TimeSpan, 10 seconds by default; zero computes every request) is how old a range's answer may be;
/// <c>Statistics:RangeAggregations</c> (2 by default) how many ranges a process aggregates at once, so a
/// flood of different ranges queues instead of taking every core from the projections.
/// </summary>
internal sealed class LoanStatsOptions(TimeSpan rangeFreshness, int rangeAggregations)
{
    public TimeSpan RangeFreshness { get; } = rangeFreshness;

    public int RangeAggregations { get; } = rangeAggregations;

    public SemaphoreSlim Gate { get; } = new(rangeAggregations, rangeAggregations);
}
