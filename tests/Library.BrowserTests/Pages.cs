using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Library.BrowserTests;

/// <summary>What every browser test does: sign in through the real pages, check a page with axe, keep its screenshot.</summary>
public static class Pages
{
    /// <summary>Signs in on the Identity service's page as a person would: the keyboard alone, Enter to submit.</summary>
    public static async Task SignInAsync(this IPage page, string username, string password, string returnUrl = "/")
    {
        await page.GotoAsync($"/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await Assertions.Expect(page.GetByLabel("Username, reader number or e-mail")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(username);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == returnUrl.Split('?')[0]);
    }

    /// <summary>Zero serious or critical axe violations on the page as it is now; the counts per impact are returned for the note.</summary>
    public static async Task<string> AssertAccessibleAsync(this IPage page, string name)
    {
        var results = await page.RunAxe();
        var blocking = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(blocking.Count == 0, $"{name}: " + string.Join("; ", blocking.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target))}")));
        var counts = results.Violations.GroupBy(v => v.Impact ?? "none").Select(g => $"{g.Count()} {g.Key}");
        var summary = $"{name}: {results.Passes.Length} rules passed, violations: {(results.Violations.Length == 0 ? "none" : string.Join(", ", counts))}";
        AxeReport.Add(summary);
        return summary;
    }

    /// <summary>Kept under docs/screenshots for the README: the screens as the tests saw them.</summary>
    public static async Task ScreenshotAsync(this IPage page, string name)
    {
        var directory = Path.Combine(Repository.Root, "docs", "screenshots");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, $"{name}.png"), FullPage = true });
    }
}

/// <summary>The axe summary of every page checked in the run, written beside the test results for the issue's note.</summary>
public static class AxeReport
{
    private static readonly List<string> Lines = [];

    public static void Add(string line)
    {
        lock (Lines)
        {
            Lines.Add(line);
            File.WriteAllLines(Path.Combine(AppContext.BaseDirectory, "axe-report.txt"), Lines);
        }
    }
}
