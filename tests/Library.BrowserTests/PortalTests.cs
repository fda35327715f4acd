using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Library.BrowserTests;

/// <summary>The reader portal in Chromium: a reader renews a loan, places a hold on a title that is out and cancels it.</summary>
public sealed class PortalTests(BrowserAppFactory app, Browser browser) : IClassFixture<BrowserAppFactory>, IClassFixture<Browser>
{
    [Fact]
    public async Task A_reader_renews_a_loan_places_a_hold_sees_their_place_and_cancels_it()
    {
        var api = await Api.AsAdminAsync(app.BaseUrl);
        var (readerId, number) = await api.ReaderAsync("Grace Hopper", "reader-password");
        var (other, _) = await api.ReaderAsync("Alan Turing", "reader-password");
        var (_, mine) = await api.BookAsync("Compilers", 1);
        var (heldIsbn, held) = await api.BookAsync("The Dispossessed", 1);
        await Eventually.Until(() => api.TryPostAsync("/api/loans", new { readerId, barcode = mine[0] }), l => l is not null, what: "the reader's loan");
        await Eventually.Until(() => api.TryPostAsync("/api/loans", new { readerId = other, barcode = held[0] }), l => l is not null, what: "the other reader's loan");

        var page = await browser.NewPageAsync(app.BaseUrl);
        await page.SignInAsync(number, "reader-password", "/me");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My loans" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("portal: my library");

        await page.GetByRole(AriaRole.Button, new() { Name = "Renew Compilers" }).ClickAsync();
        await Expect(page.Locator("#me-message")).ToContainTextAsync("Renewed Compilers: now due");
        await Expect(page.Locator("tbody").First).ToContainTextAsync("1"); // one renewal

        // The catalogue: the title is out, so a hold; the portal then shows the place in the queue.
        await page.GotoAsync("/catalogue?title=Dispossessed");
        await page.GetByRole(AriaRole.Link, new() { Name = "The Dispossessed" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "The Dispossessed" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("catalogue: a book, as a reader");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place a hold" }).ClickAsync();
        await Expect(page.Locator("#book-message")).ToContainTextAsync("you are number 1 in the queue");

        // Twice is refused, in words.
        await page.GetByRole(AriaRole.Button, new() { Name = "Place a hold" }).ClickAsync();
        await Expect(page.Locator("#book-message")).ToHaveAttributeAsync("role", "alert");

        await page.GotoAsync("/me");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "The Dispossessed" });
        await Expect(row).ToContainTextAsync("waiting");
        await page.ScreenshotAsync("portal");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel the hold on The Dispossessed" }).ClickAsync();
        await Expect(page.Locator("#me-message")).ToContainTextAsync("Your hold on The Dispossessed is cancelled.");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "The Dispossessed" })).ToHaveCountAsync(0);
        var holds = await api.GetAsync($"/api/holds?readerId={readerId}&isbn={heldIsbn}");
        Assert.Equal("cancelled", (string)holds["items"]![0]!["status"]!);

        // Another reader's data is not reachable through the portal's pages either.
        await page.GotoAsync("/readers");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not for this account" })).ToBeVisibleAsync();
    }
}
