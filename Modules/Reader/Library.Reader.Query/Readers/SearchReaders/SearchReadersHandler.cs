using Library.BuildingBlocks.ReadStore;
using Library.BuildingBlocks.Results;
using Library.Reader.Query.ReadModel;
using Mediator;

namespace Library.Reader.Query.Readers.SearchReaders;

internal sealed class SearchReadersHandler(IReadStore<ReaderDocument> readers, IReadStore<ReaderLoanDocument> loans, TimeProvider clock)
    : IQueryHandler<SearchReadersQuery, Result<Page<ReaderDetailsResponse>>>
{
    public async ValueTask<Result<Page<ReaderDetailsResponse>>> Handle(SearchReadersQuery query, CancellationToken cancellationToken)
    {
        var filters = new List<ReadFilter>();
        if (!string.IsNullOrWhiteSpace(query.Number))
        {
            filters.Add(ReadFilter.Eq(nameof(ReaderDocument.ReaderNumber), query.Number.Trim()));
        }

        if (!string.IsNullOrWhiteSpace(query.Email))
        {
            filters.Add(ReadFilter.Eq(nameof(ReaderDocument.EmailSearch), query.Email.Trim().ToLowerInvariant()));
        }

        if (!string.IsNullOrWhiteSpace(query.Name))
        {
            filters.Add(ReadFilter.Contains(nameof(ReaderDocument.NameSearch), query.Name.Trim().ToLowerInvariant()));
        }

        var page = await readers.FindPageAsync(
            ReadFilter.And([.. filters]),
            ReadSort.Ascending(nameof(ReaderDocument.RegisteredAt)),
            query.Page,
            query.PageSize,
            cancellationToken);
        var now = clock.GetUtcNow();
        var items = new List<ReaderDetailsResponse>(page.Items.Count);
        foreach (var reader in page.Items)
        {
            items.Add(ReaderDetailsResponse.From(reader, await ReaderLoanCounts.ForAsync(loans, reader.Id, now, cancellationToken)));
        }

        return new Page<ReaderDetailsResponse>(items, page.PageNumber, page.PageSize, page.Total);
    }
}
