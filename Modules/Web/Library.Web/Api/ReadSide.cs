namespace Library.Web.Api;

/// <summary>
/// The query services follow a change by milliseconds (its events go through the outbox). After a change, a page
/// waits for the read it is about to show to reflect it, with a deadline, so the user sees what they just did; past
/// the deadline it shows what there is, which the next load completes.
/// </summary>
internal static class ReadSide
{
    public static readonly TimeSpan Within = TimeSpan.FromSeconds(3);

    /// <summary>Until the document at <paramref name="path"/> reads at <paramref name="version"/> or later.</summary>
    public static Task<bool> UntilVersionAsync(this LibraryApi api, string path, long version, TimeProvider clock) =>
        UntilAsync(async () => (long?)(await api.GetAsync(path)).Body?["version"] >= version, clock);

    public static async Task<bool> UntilAsync(Func<Task<bool>> reflected, TimeProvider clock)
    {
        var deadline = clock.GetUtcNow() + Within;
        var delay = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            if (await reflected())
            {
                return true;
            }

            if (clock.GetUtcNow() >= deadline)
            {
                return false;
            }

            await Task.Delay(delay, clock);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 200));
        }
    }
}
