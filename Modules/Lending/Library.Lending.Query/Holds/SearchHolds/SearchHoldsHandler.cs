using Library.BuildingBlocks.ReadStore;
using Library.BuildingBlocks.Results;
using Library.Lending.Query.Books;
using Library.Lending.Query.ReadModel;
using Mediator;

namespace Library.Lending.Query.Holds.SearchHolds;

/// <summary>In queue order (first placed first), so a title's waiting holds read as its queue.</summary>
internal sealed class SearchHoldsHandler(IReadStore<HoldDocument> holds) : IQueryHandler<SearchHoldsQuery, Result<HoldPageResponse>>
{
    public async ValueTask<Result<HoldPageResponse>> Handle(SearchHoldsQuery query, CancellationToken cancellationToken)
    {
        if (!query.Caller.IsStaff)
        {
            if (query.ReaderId is null)
            {
                return CommonErrors.Forbidden("A reader lists their own holds: send readerId with your reader id.");
            }

            if (!query.Caller.MayActOnReader(Guid.Parse(query.ReaderId)))
            {
                return Error.NotFound("reader.not_found", $"No reader has id '{query.ReaderId}'.");
            }
        }

        var filters = new List<ReadFilter>();
        if (query.ReaderId is not null)
        {
            filters.Add(ReadFilter.Eq(nameof(HoldDocument.ReaderId), Guid.Parse(query.ReaderId).ToString()));
        }

        if (!string.IsNullOrWhiteSpace(query.Isbn))
        {
            filters.Add(ReadFilter.Eq(nameof(HoldDocument.Isbn), CatalogueIds.NormalizeIsbn(query.Isbn)));
        }

        if (query.Status is not null)
        {
            filters.Add(ReadFilter.Eq(nameof(HoldDocument.Status), query.Status));
        }

        var page = await holds.FindPageAsync(
            ReadFilter.And([.. filters]), ReadSort.Ascending(nameof(HoldDocument.QueueNumber)), query.Page, query.PageSize, cancellationToken);
        var items = new List<HoldResponse>(page.Items.Count);
        foreach (var hold in page.Items)
        {
            items.Add(await holds.ToResponseAsync(hold, cancellationToken));
        }

        return new HoldPageResponse(items, page.PageNumber, page.PageSize, page.Total);
    }
}
