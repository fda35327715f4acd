using Library.BuildingBlocks.Results;
using Library.BuildingBlocks.Security;
using Mediator;

namespace Library.Lending.Query.Holds.SearchHolds;

/// <summary>All filters optional for staff; a reader must send their own <paramref name="ReaderId"/>.</summary>
internal sealed record SearchHoldsQuery(string? ReaderId, string? Isbn, string? Status, int Page, int PageSize, Caller Caller)
    : IQuery<Result<HoldPageResponse>>;
