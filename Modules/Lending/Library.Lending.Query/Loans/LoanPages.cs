using Library.BuildingBlocks.ReadStore;
using Library.BuildingBlocks.Results;
using Library.Lending.Contracts;
using Library.Lending.Query.ReadModel;

namespace Library.Lending.Query.Loans;

/// <summary>
/// A page of a loan list by page number or by cursor (ADR 0024), with the cursor of the page after it
/// either way, so a client can start by number and go on by cursor. Both lists sort by a date every
/// listed loan has (the overdue list filters on its due date; every loan has a checkout date).
/// </summary>
internal static class LoanPages
{
    public static async Task<Result<LoanPageResponse>> FindAsync(
        IReadStore<LoanDocument> loans,
        ReadFilter filter,
        ReadSort sort,
        string list,
        int page,
        int pageSize,
        string? after,
        DateTimeOffset now,
        ClosedDays closed,
        CancellationToken cancellationToken)
    {
        if (after is null)
        {
            var numbered = await loans.FindPageAsync(filter, sort, page, pageSize, cancellationToken);
            var more = (long)(page - 1) * pageSize + numbered.Items.Count < numbered.Total;
            return Response(numbered.Items, page, pageSize, numbered.Total, more, list, sort, now, closed);
        }

        var position = LoanCursor.Decode(after, list, sort);
        if (!position.IsSuccess)
        {
            return position.Error;
        }

        var keyset = await loans.FindAfterAsync(filter, sort, position.Value, pageSize, cancellationToken);

        // A page reached by cursor has no number: 0 says so without changing the field's type.
        return Response(keyset.Items, 0, pageSize, keyset.Total, keyset.HasMore, list, sort, now, closed);
    }

    private static LoanPageResponse Response(
        IReadOnlyList<LoanDocument> items, int page, int pageSize, long total, bool more, string list, ReadSort sort, DateTimeOffset now, ClosedDays closed)
    {
        var next = more && items.Count > 0 ? LoanCursor.Encode(list, sort, SortValue(items[^1], sort), items[^1].Id) : null;
        return new LoanPageResponse([.. items.Select(l => LoanResponse.From(l, now, closed))], page, pageSize, total, next);
    }

    private static DateTime SortValue(LoanDocument loan, ReadSort sort) => sort.Field switch
    {
        nameof(LoanDocument.OpenDueDate) => loan.OpenDueDate ?? throw new InvalidOperationException($"Loan {loan.Id} is listed by its open due date but has none."),
        nameof(LoanDocument.OwingSince) => loan.OwingSince ?? throw new InvalidOperationException($"Loan {loan.Id} is listed as owing but owes nothing."),
        nameof(LoanDocument.CheckedOutAt) => loan.CheckedOutAt,
        _ => throw new NotSupportedException($"No cursor for a sort by {sort.Field}."),
    };
}
