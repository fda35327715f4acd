using Library.Benchmarks;

var settings = BenchmarkSettings.Parse(args);
var startedAt = DateTimeOffset.UtcNow;
using var api = new LibraryApi(settings.BaseAddress);

var checkout = await new CheckoutScenario(api, settings).RunAsync(Console.Out);
var report = MarkdownReport.Write(settings, checkout, startedAt);
Console.WriteLine($"wrote {report}");
