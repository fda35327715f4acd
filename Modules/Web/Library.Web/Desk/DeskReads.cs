using Library.Web.Api;

namespace Library.Web.Desk;

/// <summary>
/// What the desk shows about one reader: who they are from the Reader query service, and their loans, fines and
/// holds from the Lending query service, counted from the very lists the page shows. The reader's own counters
/// follow the same events through another service, a moment apart; a panel that mixed the two could show "1 on
/// loan" above two loans just after a checkout.
/// </summary>
internal sealed record DeskPanel(ReaderView Reader, IReadOnlyList<LoanView> OpenLoans, IReadOnlyList<LoanView> Fines, IReadOnlyList<HoldView> ReadyHolds, long HoldsWaiting)
{
    public int Overdue => OpenLoans.Count(l => l.Status == "overdue");

    public long FinesOwedCents => Fines.Sum(l => l.Fine.BalanceCents);
}

/// <summary>
/// The desk's reads. The query side follows the command side by milliseconds (events through the outbox), so after
/// a change the desk waits, briefly and with a deadline, until the loan it changed reads at the new version: the
/// librarian then sees the panel as the change left it, not as it was a moment before.
/// </summary>
internal sealed class DeskReads(LibraryApi api, TimeProvider clock)
{
    public async Task<(DeskPanel? Panel, string? Error)> PanelAsync(string readerNumber)
    {
        var search = await api.GetAsync($"/api/readers?number={Uri.EscapeDataString(readerNumber)}&page=1&pageSize=1");
        if (!search.Ok)
        {
            return (null, search.Message);
        }

        if (search.As<PageOf<ReaderView>>() is not { Items: [var reader, ..] })
        {
            return (null, $"No reader has the number {readerNumber}.");
        }

        var id = Uri.EscapeDataString(reader.ReaderId);
        var active = api.GetAsync($"/api/loans?readerId={id}&status=active&page=1&pageSize=100");
        var overdue = api.GetAsync($"/api/loans?readerId={id}&status=overdue&page=1&pageSize=100");
        var returned = api.GetAsync($"/api/loans?readerId={id}&status=returned&page=1&pageSize=100");
        var lost = api.GetAsync($"/api/loans?readerId={id}&status=lost&page=1&pageSize=100");
        var ready = api.GetAsync($"/api/holds?readerId={id}&status=ready&page=1&pageSize=100");
        var waiting = api.GetAsync($"/api/holds?readerId={id}&status=waiting&page=1&pageSize=1");
        await Task.WhenAll(active, overdue, returned, lost, ready, waiting);
        var open = (await overdue).Items<LoanView>().OrderBy(l => l.DueDate).Concat((await active).Items<LoanView>().OrderBy(l => l.DueDate)).ToList();
        var fines = (await lost).Items<LoanView>().Concat((await returned).Items<LoanView>())
            .Concat(open)
            .Where(l => l.Fine is { FineId: not null, BalanceCents: > 0 })
            .ToList();
        var holdsWaiting = (await waiting).Ok ? (await waiting).As<PageOf<HoldView>>()?.Total ?? 0 : 0;
        return (new DeskPanel(reader, open, fines, (await ready).Items<HoldView>(), holdsWaiting), null);
    }

    /// <summary>Waits until the query side has the loan at <paramref name="version"/>; gives up quietly at the deadline.</summary>
    public Task LoanVisibleAsync(string loanId, long version) =>
        api.UntilVersionAsync($"/api/loans/{Uri.EscapeDataString(loanId)}", version, clock);
}

/// <summary>The renewal refusals in the librarian's words (renew-all answers with codes only).</summary>
internal static class RenewalRefusals
{
    public static string Describe(string? code) => code switch
    {
        "loan.overdue" => "overdue",
        "loan.renewal_limit_reached" => "renewed as often as allowed",
        "loan.title_on_hold" => "another reader is waiting for it",
        "reader.suspended" => "the reader is suspended",
        "reader.owes_fines" => "the reader owes fines",
        "reader.has_overdue_loans" => "the reader has overdue loans",
        _ => code ?? "refused",
    };
}
