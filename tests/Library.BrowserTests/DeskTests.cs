using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Library.BrowserTests;

/// <summary>
/// Issue 15's desk walk-through in Chromium: a librarian signs in, serves readers with a scanner (the keyboard:
/// a barcode typed and Enter), sees the overdue loan marked, checks a late book in and settles its fine, and a
/// returned copy goes to the hold shelf for the reader waiting for it.
/// </summary>
public sealed class DeskTests(BrowserAppFactory app, Browser browser) : IClassFixture<BrowserAppFactory>, IClassFixture<Browser>
{
    [Fact]
    public async Task A_librarian_serves_a_reader_with_the_scanner_alone_and_settles_a_late_return()
    {
        var api = await Api.AsAdminAsync(app.BaseUrl);
        var librarian = $"desk-{Guid.NewGuid():N}"[..11];
        await api.PostAsync("/api/staff", new { username = librarian, password = "librarian-password", role = "librarian" });
        var (readerId, number) = await api.ReaderAsync("Ada Lovelace", "reader-password");
        var (_, barcodes) = await api.BookAsync("The Left Hand of Darkness", 2);
        var (_, late) = await api.BookAsync("A Wizard of Earthsea", 1);
        await Eventually.Until(
            async () => await api.TryPostAsync("/api/loans", new { readerId, barcode = late[0], occurredAt = DateTimeOffset.UtcNow.AddDays(-20) }),
            created => created is not null,
            what: "the offline checkout of 20 days ago");

        var page = await browser.NewPageAsync(app.BaseUrl);
        await page.SignInAsync(librarian, "librarian-password", "/desk");
        await page.AssertAccessibleAsync("desk (no reader)");

        // The reader card: the scan field has the focus; a scanner types the number and presses Enter.
        await Expect(page.GetByLabel("Scan or type a reader number")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(number);
        await page.Keyboard.PressAsync("Enter");
        var panel = page.Locator("#reader-panel");
        await Expect(panel).ToContainTextAsync("Ada Lovelace");
        await Expect(panel).ToContainTextAsync("1 on loan, 1 overdue");
        await Expect(page.Locator("tr.overdue")).ToContainTextAsync("A Wizard of Earthsea");
        await Expect(page.Locator("tr.overdue")).ToContainTextAsync("days overdue");

        // The focus is on the copy field. A reader with an overdue loan may not borrow: the API's refusal, in the
        // librarian's words, announced; the focus stays for the next scan.
        var scan = page.GetByLabel("Scan or type a copy's barcode");
        await Expect(scan).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(barcodes[0]);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#desk-message")).ToContainTextAsync("overdue");
        await Expect(page.Locator("#desk-message")).ToHaveAttributeAsync("role", "alert");
        await Expect(scan).ToBeFocusedAsync();

        // The late book comes back: 20 days out, 15-day loan, 5 days × 50 cents; the fine is settled at once.
        await page.GetByRole(AriaRole.Button, new() { Name = "Return A Wizard of Earthsea" }).ClickAsync();
        await Expect(page.Locator("#desk-message")).ToContainTextAsync("a fine of 2.50 EUR");
        await Expect(panel).ToContainTextAsync("2.50 EUR");
        await page.AssertAccessibleAsync("desk (fine to settle)");
        await page.GetByLabel("Amount (EUR)").FillAsync("2.50");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay" }).ClickAsync();
        await Expect(page.Locator("#desk-message")).ToContainTextAsync("Paid 2.50 EUR");
        await Expect(panel).ToContainTextAsync("0.00 EUR");

        // Now the scans go through, one after the other, the focus back in the field each time.
        foreach (var barcode in barcodes)
        {
            await Expect(scan).ToBeFocusedAsync();
            await page.Keyboard.TypeAsync(barcode);
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.Locator("#desk-message")).ToContainTextAsync($"Checked out {barcode}");
        }

        await Expect(panel).ToContainTextAsync("2 on loan");
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(2);
        await page.AssertAccessibleAsync("desk (reader panel)");
        await page.ScreenshotAsync("desk");

        // Renew all from the keyboard: Tab to the button, Enter.
        await page.GetByRole(AriaRole.Button, new() { Name = "Renew all" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#desk-message")).ToContainTextAsync("Renewed 2 loans.");
    }

    [Fact]
    public async Task A_returned_copy_of_a_held_title_is_sent_to_the_hold_shelf_for_the_waiting_reader()
    {
        var api = await Api.AsAdminAsync(app.BaseUrl);
        var (borrower, _) = await api.ReaderAsync("Tom Sawyer", "reader-password");
        var (waiting, waitingNumber) = await api.ReaderAsync("Huck Finn", "reader-password");
        var (isbn, barcodes) = await api.BookAsync("Dune", 1);
        await Eventually.Until(
            async () => await api.TryPostAsync("/api/loans", new { readerId = borrower, barcode = barcodes[0] }),
            created => created is not null,
            what: "the borrower's checkout");
        await Eventually.Until(
            async () => await api.TryPostAsync("/api/holds", new { readerId = waiting, isbn }),
            created => created is not null,
            what: "the waiting reader's hold");

        var page = await browser.NewPageAsync(app.BaseUrl);
        await page.SignInAsync("admin", BrowserAppFactory.AdminPassword, "/checkin");
        await Expect(page.GetByLabel("Scan or type the returned copy's barcode")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(barcodes[0]);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#checkin-result")).ToContainTextAsync($"To the hold shelf for reader {waitingNumber}");
        await Expect(page.GetByLabel("Scan or type the returned copy's barcode")).ToBeFocusedAsync();
        await page.AssertAccessibleAsync("check-in (to the hold shelf)");
        await page.ScreenshotAsync("checkin");

        // The same copy again: nothing on loan, said in words, and nothing changed.
        await page.Keyboard.TypeAsync(barcodes[0]);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#checkin-result")).ToContainTextAsync("not on loan");
        await Expect(page.Locator("#checkin-result")).ToHaveAttributeAsync("role", "alert");

        // A late book: to the shelf, with the fine it was charged (17 days out, 15-day loan: 2 days × 50 cents).
        var (_, lateCopy) = await api.BookAsync("Parable of the Sower", 1);
        await Eventually.Until(
            () => api.TryPostAsync("/api/loans", new { readerId = borrower, barcode = lateCopy[0], occurredAt = DateTimeOffset.UtcNow.AddDays(-17) }),
            l => l is not null,
            what: "a late loan");
        await page.Keyboard.TypeAsync(lateCopy[0]);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#checkin-result")).ToContainTextAsync("To the shelf");
        await Expect(page.Locator("#checkin-result")).ToContainTextAsync("2 day(s) late: a fine of 1.00 EUR");

        // The reader waiting for it is told at the desk.
        await page.GotoAsync($"/desk?reader={Uri.EscapeDataString(waitingNumber)}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "On the hold shelf for this reader" })).ToBeVisibleAsync();
        await Expect(page.Locator("#reader-panel")).ToContainTextAsync("1 ready for pickup");
    }

    [Fact]
    public async Task The_desk_and_the_portal_fit_a_phones_width_and_send_their_security_headers()
    {
        var api = await Api.AsAdminAsync(app.BaseUrl);
        var (readerId, number) = await api.ReaderAsync("Ada Phone", "reader-password");
        var (_, barcodes) = await api.BookAsync("Kindred", 1);
        await Eventually.Until(() => api.TryPostAsync("/api/loans", new { readerId, barcode = barcodes[0] }), l => l is not null, what: "a loan");

        var page = await browser.NewPageAsync(app.BaseUrl, width: 390, height: 844);
        await page.SignInAsync("admin", BrowserAppFactory.AdminPassword, "/desk");
        var response = await page.GotoAsync($"/desk?reader={Uri.EscapeDataString(number)}");
        // No source of script at all: default-src 'none' and no script-src to widen it.
        Assert.StartsWith("default-src 'none'", response!.Headers["content-security-policy"], StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", response.Headers["content-security-policy"], StringComparison.Ordinal);
        await Expect(page.Locator("#reader-panel")).ToContainTextAsync("1 on loan");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the desk scrolls sideways at 390 px");
        await page.AssertAccessibleAsync("desk at a phone's width");
        await page.ScreenshotAsync("desk-phone");

        var portal = await browser.NewPageAsync(app.BaseUrl, width: 390, height: 844);
        await portal.SignInAsync(number, "reader-password", "/me");
        await Expect(portal.GetByRole(AriaRole.Button, new() { Name = "Renew Kindred" })).ToBeVisibleAsync();
        Assert.True(await portal.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the portal scrolls sideways at 390 px");
        await portal.AssertAccessibleAsync("portal at a phone's width");
    }

    [Fact]
    public async Task A_refresh_rewrites_the_session_and_two_tabs_refreshing_at_once_stay_signed_in()
    {
        // Each page load here refreshes the tokens (see BrowserAppFactory); the refresh token is single-use, so two
        // tabs loading at once share one refresh. (That a second redemption would revoke the chain is not visible
        // here: the Identity service's own session would sign the tab in again silently.)
        var first = await browser.NewPageAsync(app.BaseUrl);
        await first.SignInAsync("admin", BrowserAppFactory.AdminPassword, "/overdue");
        var second = await first.Context.NewPageAsync();
        async Task<string> SessionCookie() => string.Concat((await first.Context.CookiesAsync()).Where(c => c.Name.StartsWith("library.web", StringComparison.Ordinal)).Select(c => c.Value));
        var before = await SessionCookie();
        await first.GotoAsync("/overdue");
        Assert.NotEqual(before, await SessionCookie()); // a refresh rewrote the session: the tokens in it are new
        for (var round = 0; round < 3; round++)
        {
            await Task.WhenAll(first.GotoAsync("/overdue"), second.GotoAsync("/hold-shelf"));
            await Expect(first.GetByRole(AriaRole.Heading, new() { Name = "Overdue loans" })).ToBeVisibleAsync();
            await Expect(second.GetByRole(AriaRole.Heading, new() { Name = "Hold shelf" })).ToBeVisibleAsync();
            await Expect(first.GetByText("Signed in as")).ToBeVisibleAsync();
        }

        await first.GotoAsync("/desk");
        await Expect(first.GetByLabel("Scan or type a reader number")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_desk_is_the_staffs_and_signing_out_ends_the_session()
    {
        var api = await Api.AsAdminAsync(app.BaseUrl);
        var (_, number) = await api.ReaderAsync("Mary Shelley", "reader-password");
        var page = await browser.NewPageAsync(app.BaseUrl);
        await page.GotoAsync("/desk");
        await Expect(page.GetByLabel("Username, reader number or e-mail")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("sign-in page");
        await page.SignInAsync(number, "reader-password");
        await page.GotoAsync("/desk");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not for this account" })).ToBeVisibleAsync();

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).First).ToBeVisibleAsync();
        await page.GotoAsync("/desk");
        await Expect(page.GetByLabel("Username, reader number or e-mail")).ToBeVisibleAsync();
    }
}
