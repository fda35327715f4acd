namespace Library.Lending.Query.Loans;

/// <summary>The paging part of both loan lists' OpenAPI descriptions, so they say the same.</summary>
internal static class LoanPageDescriptions
{
    public const string Paging =
        "Paging: page and pageSize (1-100, default 20) as ever, or after: the next cursor of a previous answer, which starts the page right after " +
        "that page's last loan however many pages deep, and neither skips nor repeats a loan when loans are added meanwhile. Every answer carries " +
        "next, the cursor of the page after it (null on the last page); a page reached by cursor answers page 0. total counts the whole list on " +
        "every page. A cursor is opaque and belongs to its list and sort: a malformed one, or one of another list, is 400 paging.invalid_cursor; " +
        "after with page > 1 is 400 request.validation_failed. Send the same filters with a cursor as with the page it came from.";
}
