using System.Net;
using System.Text.Json.Nodes;

namespace Library.IntegrationTests;

/// <summary>
/// Spec section 5, accountability: every command's event says who acted, and the read models show who
/// checked a loan out and returned it, who took each payment and who waived, who suspended a reader.
/// Two desks act on the same loan, so each change must name its own librarian.
/// </summary>
public sealed class AccountabilityTests(EventHistoryAppFactory app) : IClassFixture<EventHistoryAppFactory>
{
    [Fact]
    public async Task Each_change_names_the_librarian_who_made_it_in_the_events_and_the_read_models()
    {
        var first = app.CreateLibrarianClient();
        var second = app.CreateLibrarianClient();
        var firstDesk = await SubjectOf(first);
        var secondDesk = await SubjectOf(second);
        Assert.NotEqual(firstDesk, secondDesk);

        var readerId = await app.RegisterBorrower(first);
        var (_, barcodes) = await first.AddBookWithCopies(1);
        var loanId = (string)(await first.Checkout(readerId, barcodes[0], app.Clock.GetUtcNow().AddDays(-20)))["loanId"]!;
        var fineId = (string)(await second.Return(loanId))["fine"]!["fineId"]!;
        await (await first.PostJson($"/api/fines/{fineId}/payments", new { amountCents = 100 })).ShouldBe(HttpStatusCode.OK);
        await (await second.PostJson($"/api/fines/{fineId}/payments", new { amountCents = 50 })).ShouldBe(HttpStatusCode.OK);
        await (await first.PostJson($"/api/fines/{fineId}/waiver", new { reason = "Goodwill" })).ShouldBe(HttpStatusCode.OK);
        await (await second.SendJson(HttpMethod.Put, $"/api/readers/{readerId}/suspension", new { reason = "Damaged a book" })).ShouldBe(HttpStatusCode.OK);

        var loan = await first.ReadLoanAtVersion(loanId, 5);
        Assert.Equal(("librarian", firstDesk), Actor(loan["checkedOutBy"]));
        Assert.Equal(("librarian", secondDesk), Actor(loan["returnedBy"]));
        var payments = loan["fine"]!["payments"]!.AsArray();
        Assert.Equal([(100L, firstDesk), (50L, secondDesk)], payments.Select(p => ((long)p!["amountCents"]!, Actor(p["paidBy"]).Subject)));
        Assert.Equal(firstDesk, Actor(loan["fine"]!["waiver"]!["waivedBy"]).Subject);

        var reader = await first.ReadReaderAtVersion(readerId, 2);
        Assert.Equal(("librarian", secondDesk), Actor(reader["suspendedBy"]));

        // The events: each names whoever made that change, the fine assessed at the return its returner.
        var expected = new Dictionary<string, string[]>
        {
            ["loan.created"] = [firstDesk],
            ["loan.returned"] = [secondDesk],
            ["fine.assessed"] = [secondDesk],
            ["fine.paid"] = [firstDesk, secondDesk],
            ["fine.waived"] = [firstDesk],
        };
        var events = (await app.PublishedEventsAbout(loanId)).Where(e => expected.ContainsKey(e.Topic)).OrderBy(e => (long)e.Value["version"]!).ToList();
        Assert.Equal(expected.Values.Sum(v => v.Length), events.Count);
        foreach (var (topic, subjects) in expected)
        {
            Assert.Equal(subjects, events.Where(e => e.Topic == topic).Select(e => Actor(e.Value["actor"]).Subject));
        }

        var suspended = (await app.PublishedEventsAbout(readerId)).Single(e => e.Topic == "reader.suspended");
        Assert.Equal(("librarian", secondDesk), Actor(suspended.Value["actor"]));
    }

    private static async Task<string> SubjectOf(HttpClient client) =>
        (string)(await (await client.GetAsync("/api/me")).ShouldBe(HttpStatusCode.OK))["subject"]!;

    private static (string Role, string Subject) Actor(JsonNode? actor) => ((string)actor!["role"]!, (string)actor["subject"]!);
}
