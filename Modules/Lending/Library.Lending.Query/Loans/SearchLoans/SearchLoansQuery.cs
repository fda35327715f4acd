using Library.BuildingBlocks.ReadStore;
using Library.BuildingBlocks.Results;
using Library.BuildingBlocks.Security;
using Mediator;

namespace Library.Lending.Query.Loans.SearchLoans;

/// <summary>All filters optional. <paramref name="From"/> and <paramref name="To"/> bound the checkout date (UTC), both inclusive.</summary>
internal sealed record SearchLoansQuery(string? ReaderId, string? Isbn, string? Status, DateOnly? From, DateOnly? To, int Page, int PageSize, Caller Caller)
    : IQuery<Result<Page<LoanResponse>>>;
