using Library.BuildingBlocks.ReadStore;
using Library.BuildingBlocks.Results;
using Library.Reader.Query.ReadModel;
using Mediator;

namespace Library.Reader.Query.Readers.SearchReaders;

internal sealed class SearchReadersHandler(IReadStore<ReaderDocument> readers)
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
        return new Page<ReaderDetailsResponse>([.. page.Items.Select(ReaderDetailsResponse.From)], page.PageNumber, page.PageSize, page.Total);
    }
}
