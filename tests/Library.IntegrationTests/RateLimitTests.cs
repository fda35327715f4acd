using System.Diagnostics;
using System.Net;
using Library.IntegrationTests.Auth;
using Microsoft.AspNetCore.TestHost;

namespace Library.IntegrationTests;

/// <summary>
/// TestServer has no TCP peer; this plays one: the address in <see cref="PeerHeader"/> becomes the
/// connection's remote address before anything of the host runs, as a socket's would.
/// </summary>
public abstract class PeerAddressAppFactory : LibraryAppFactory
{
    public const string PeerHeader = "X-Test-Peer";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter>(new PeerFilter()));
    }

    public HttpClient CreateClientFrom(string peer, string? forwardedFor = null)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(PeerHeader, peer);
        if (forwardedFor is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }

        return client;
    }

    private sealed class PeerFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[PeerHeader], out var peer))
                {
                    context.Connection.RemoteIpAddress = peer;
                }

                return following(context);
            });
            next(app);
        };
    }
}

/// <summary>Three token requests per address per minute; 10.0.0.1 is the gateway, trusted to name the client.</summary>
public sealed class TrustedProxyAppFactory : PeerAddressAppFactory
{
    public const string Gateway = "10.0.0.1";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Identity:TokenRateLimit:PermitLimit", "3");
        builder.UseSetting("Proxy:TrustedProxies:0", Gateway);
    }
}

/// <summary>One write a second per account, three at once.</summary>
public sealed class CallerWriteLimitAppFactory : PeerAddressAppFactory
{
    public const int Burst = 3;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Server:CallerWriteLimit:PermitsPerSecond", "1");
        builder.UseSetting("Server:CallerWriteLimit:Burst", Burst.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class TrustedProxyTests(TrustedProxyAppFactory app) : IClassFixture<TrustedProxyAppFactory>
{
    [Fact]
    public async Task Behind_the_trusted_gateway_the_token_limit_is_per_client_and_the_header_is_ignored_from_anyone_else()
    {
        // Two clients behind the gateway: one uses up its three requests, the other still has its own.
        using var first = app.CreateClientFrom(TrustedProxyAppFactory.Gateway, "203.0.113.1");
        using var second = app.CreateClientFrom(TrustedProxyAppFactory.Gateway, "203.0.113.2");
        for (var i = 0; i < 3; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await first.PasswordGrantAsync("no-such-account", "wrong-password")).StatusCode);
        }

        await (await first.PasswordGrantAsync("no-such-account", "wrong-password")).ShouldBeProblem(HttpStatusCode.TooManyRequests, "request.too_many");
        await (await second.PasswordGrantAsync(SignIn.Admin, SignIn.DevelopmentAdminPassword)).ShouldBe(HttpStatusCode.OK);

        // Anyone else (loopback included: nothing is trusted by default) naming a fresh address per
        // request is still one client to the limiter.
        foreach (var peer in new[] { "198.51.100.7", "127.0.0.1" })
        {
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 4; i++)
            {
                using var spoofing = app.CreateClientFrom(peer, $"192.0.2.{i + 1}");
                statuses.Add((await spoofing.PasswordGrantAsync("no-such-account", "wrong-password")).StatusCode);
            }

            Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
            Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses[..3]);
        }
    }
}

public sealed class CallerWriteLimitTests(CallerWriteLimitAppFactory app) : IClassFixture<CallerWriteLimitAppFactory>
{
    [Fact]
    public async Task An_account_writing_faster_than_allowed_gets_429_for_the_surplus_which_changes_nothing_and_other_accounts_and_reads_go_on()
    {
        using var desk = app.CreateLibrarianClient();
        using var otherDesk = app.CreateClientAs(Auth.SignIn.Admin);
        await desk.GetAsync("/api/me"); // signed in before the clock starts

        // Twelve registrations at once from one account: the bucket holds three, and refills one a second.
        var started = Stopwatch.StartNew();
        var bodies = Enumerable.Range(0, 12).Select(_ => ReaderScenario.ValidRegistration()).ToList();
        var answers = await Task.WhenAll(bodies.Select(body => desk.PostJson("/api/readers", body)));
        var elapsed = started.Elapsed;

        var created = answers.Count(a => a.StatusCode == HttpStatusCode.Created);
        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(answers.Length, created + refused.Count);
        Assert.InRange(created, CallerWriteLimitAppFactory.Burst, CallerWriteLimitAppFactory.Burst + (int)Math.Ceiling(elapsed.TotalSeconds));
        Assert.NotEmpty(refused);
        foreach (var answer in refused)
        {
            await answer.ShouldBeProblem(HttpStatusCode.TooManyRequests, "request.too_many");
            Assert.True(answer.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After is missing.");
        }

        // The refused registrations were never made: the accepted ones reach the query side, they do not.
        var refusedEmails = bodies.Where((_, i) => answers[i].StatusCode == HttpStatusCode.TooManyRequests).Select(b => (string)b["email"]!).ToList();
        foreach (var answer in answers.Where(a => a.StatusCode == HttpStatusCode.Created))
        {
            var reader = await answer.ShouldBe(HttpStatusCode.Created);
            await otherDesk.ReadReaderAtVersion((string)reader["readerId"]!, 1);
        }

        foreach (var email in refusedEmails)
        {
            var found = await (await otherDesk.GetAsync($"/api/readers?email={Uri.EscapeDataString(email)}")).ShouldBe(HttpStatusCode.OK);
            Assert.Equal(0, (long)found["total"]!);
        }

        // Another account is not slowed by it, nor are the throttled account's reads.
        await (await otherDesk.PostJson("/api/readers", ReaderScenario.ValidRegistration())).ShouldBe(HttpStatusCode.Created);
        await (await desk.GetAsync("/api/readers?page=1&pageSize=5")).ShouldBe(HttpStatusCode.OK);
    }
}
