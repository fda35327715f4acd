using System.Globalization;
using Library.BuildingBlocks.ReadStore;
using Library.BuildingBlocks.Results;
using Library.Lending.Query.ReadModel;
using Mediator;

namespace Library.Lending.Query.Stats.LoanStats;

/// <summary>
/// Reads one pre-aggregated document per month in the range (the projections keep them current)
/// and merges them; no loan is read. Top lists break ties by id so the answer is stable.
/// </summary>
internal sealed class LoanStatsHandler(
    IReadStore<LoanStatsMonthDocument> months,
    IReadStore<BookDocument> books,
    IReadStore<LoanReaderDocument> readers) : IQueryHandler<LoanStatsQuery, Result<LoanStatsResponse>>
{
    private const int Top = 5;
    private const int MaxMonths = 1200;

    public async ValueTask<Result<LoanStatsResponse>> Handle(LoanStatsQuery query, CancellationToken cancellationToken)
    {
        var fromMonth = query.From is { } from ? from.ToString("yyyy-MM", CultureInfo.InvariantCulture) : null;
        var toMonth = query.To is { } to ? to.ToString("yyyy-MM", CultureInfo.InvariantCulture) : null;
        var range = new List<ReadFilter>();
        if (fromMonth is not null)
        {
            range.Add(ReadFilter.Gte(nameof(IReadDocument.Id), fromMonth));
        }

        if (toMonth is not null)
        {
            range.Add(ReadFilter.Lte(nameof(IReadDocument.Id), toMonth));
        }

        var buckets = await months.FindAsync(
            new ReadQuery(ReadFilter.And([.. range]), ReadSort.Ascending(nameof(IReadDocument.Id)), Take: MaxMonths), cancellationToken);

        var totalLoans = buckets.Sum(b => b.Loans);
        var returned = buckets.Sum(b => b.ReturnedLoans);
        var minutes = buckets.Sum(b => b.TotalLoanMinutes);
        double? average = returned == 0 ? null : Math.Round(minutes / (double)returned / (24 * 60), 1, MidpointRounding.AwayFromZero);

        var topBooks = new List<TopBook>();
        foreach (var (isbn, loans) in TopOf(buckets.Select(b => b.Books)))
        {
            var book = await books.GetAsync(isbn, cancellationToken);
            topBooks.Add(new TopBook(isbn, book?.Title ?? "", loans));
        }

        var topReaders = new List<TopReader>();
        foreach (var (readerId, loans) in TopOf(buckets.Select(b => b.Readers)))
        {
            var reader = await readers.GetAsync(readerId, cancellationToken);
            topReaders.Add(new TopReader(readerId, reader?.ReaderNumber ?? "", reader?.Name ?? "", loans));
        }

        return new LoanStatsResponse(
            fromMonth,
            toMonth,
            totalLoans,
            returned,
            average,
            topBooks,
            topReaders,
            [.. buckets.Where(b => b.Loans > 0).Select(b => new MonthLoans(b.Id, b.Loans))]);
    }

    private static List<(string Key, long Loans)> TopOf(IEnumerable<Dictionary<string, long>> perMonth)
    {
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var month in perMonth)
        {
            foreach (var (key, count) in month)
            {
                totals[key] = totals.GetValueOrDefault(key) + count;
            }
        }

        return [.. totals.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).Take(Top).Select(t => (t.Key, t.Value))];
    }
}
