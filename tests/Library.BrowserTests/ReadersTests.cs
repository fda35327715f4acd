using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Library.BrowserTests;

/// <summary>Registering and editing readers in Chromium, and the staff's lists, each checked with axe.</summary>
public sealed class ReadersTests(BrowserAppFactory app, Browser browser) : IClassFixture<BrowserAppFactory>, IClassFixture<Browser>
{
    [Fact]
    public async Task A_librarian_registers_a_reader_and_a_stale_edit_is_refused_without_losing_the_others_change()
    {
        var page = await browser.NewPageAsync(app.BaseUrl);
        await page.SignInAsync("admin", BrowserAppFactory.AdminPassword, "/readers/new");
        await page.AssertAccessibleAsync("register a reader");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Octavia Butler");
        var email = $"octavia-{Guid.NewGuid():N}"[..20] + "@example.org";
        await page.GetByLabel("E-mail", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Birth date").FillAsync("1947-06-22");
        await page.GetByLabel("Interests (separated by commas)").FillAsync("science fiction, gardening");
        await page.GetByLabel("The Library may keep and use this data to lend books (required)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        Assert.True(await page.Locator("#reader-message").CountAsync() > 0, await page.Locator("main").InnerTextAsync());
        await Expect(page.Locator("#reader-message")).ToContainTextAsync("The reader is registered.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Octavia Butler");
        await page.AssertAccessibleAsync("a reader's page");
        await page.ScreenshotAsync("reader");

        // Someone at another desk changes the reader after this page was loaded: this page's edit is stale.
        var readerId = page.Url.Split('/').Last().Split('?')[0];
        var api = await Api.AsAdminAsync(app.BaseUrl);
        await api.SendAsync(HttpMethod.Patch, $"/api/readers/{readerId}", new { phoneNumber = "+3212345678" }, "\"1\"");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Octavia E. Butler");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.Locator("#reader-message")).ToContainTextAsync("Someone else changed this reader");
        await Expect(page.GetByLabel("Phone", new() { Exact = true })).ToHaveValueAsync("+3212345678");
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Octavia Butler");

        // Made again on the fresh form, it lands.
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Octavia E. Butler");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.Locator("#reader-message")).ToContainTextAsync("The profile is saved.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Octavia E. Butler");

        // Suspended with a reason, then found in the search with that status.
        await page.GetByLabel("Reason for suspending").FillAsync("Card reported stolen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Suspend" }).ClickAsync();
        await Expect(page.Locator("#reader-message")).ToContainTextAsync("The reader is suspended.");
        await page.GotoAsync($"/readers?email={Uri.EscapeDataString(email)}");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Octavia E. Butler" })).ToContainTextAsync("suspended");
        await page.AssertAccessibleAsync("readers search");
    }

    [Fact]
    public async Task The_overdue_list_the_hold_shelf_the_statistics_and_administration_read_well()
    {
        var api = await Api.AsAdminAsync(app.BaseUrl);
        var (readerId, number) = await api.ReaderAsync("Ursula Le Guin", "reader-password");
        var (_, barcodes) = await api.BookAsync("The Lathe of Heaven", 1);
        await Eventually.Until(
            () => api.TryPostAsync("/api/loans", new { readerId, barcode = barcodes[0], occurredAt = DateTimeOffset.UtcNow.AddDays(-18) }),
            l => l is not null,
            what: "an overdue loan");

        var page = await browser.NewPageAsync(app.BaseUrl);
        await page.SignInAsync("admin", BrowserAppFactory.AdminPassword, "/overdue");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "The Lathe of Heaven" });
        await Expect(row).ToContainTextAsync("3");
        await Expect(row).ToContainTextAsync("1.50 EUR");
        await page.AssertAccessibleAsync("overdue list");
        await page.ScreenshotAsync("overdue");
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.Locator("#reader-panel")).ToContainTextAsync(number);

        // A late return's fine is on the fines list until it is paid.
        var (other, _) = await api.ReaderAsync("Samuel Delany", "reader-password");
        var (_, lateCopy) = await api.BookAsync("Dhalgren", 1);
        var late = await Eventually.Until(
            () => api.TryPostAsync("/api/loans", new { readerId = other, barcode = lateCopy[0], occurredAt = DateTimeOffset.UtcNow.AddDays(-19) }),
            l => l is not null,
            what: "a late loan");
        await api.PostAsync($"/api/loans/{(string)late!["loanId"]!}/return", new { });
        await page.GotoAsync("/fines");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Dhalgren" })).ToContainTextAsync("2.00 EUR");
        await page.AssertAccessibleAsync("fines to settle");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay the fine for Dhalgren" }).ClickAsync();
        await Expect(page.Locator("#fines-message")).ToContainTextAsync("Paid 2.00 EUR for Dhalgren.");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Dhalgren" })).ToHaveCountAsync(0);

        await page.GotoAsync("/hold-shelf");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Hold shelf" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("hold shelf");
        await page.GotoAsync("/statistics");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Loans per month" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("statistics");
        await page.ScreenshotAsync("statistics");
        await page.GotoAsync("/catalogue");
        await page.AssertAccessibleAsync("catalogue");
        await page.GotoAsync("/admin");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Lending policy" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("administration");

        // A closed day from the admin page shows in its list.
        var day = DateTime.UtcNow.AddDays(40).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByLabel("Date").FillAsync(day);
        await page.GetByLabel("Reason").FillAsync("Inventory");
        await page.GetByRole(AriaRole.Button, new() { Name = "Close the library that day" }).ClickAsync();
        await Expect(page.Locator("#admin-message")).ToContainTextAsync($"The library is closed on {day}.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Open the library on {day}" })).ToBeVisibleAsync();
    }
}
