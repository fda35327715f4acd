using System.Net;
using Library.IntegrationTests.Auth;

namespace Library.IntegrationTests;

/// <summary>The Identity service as its own process behind the gateway, in production mode.</summary>
public sealed class IdentityTopologyTests(ServiceTopology topology) : IClassFixture<ServiceTopology>
{
    [Fact]
    public async Task Through_the_gateway_the_admin_signs_in_creates_a_librarian_who_sets_a_readers_password_and_the_reader_signs_in()
    {
        var client = topology.Client;
        await (await client.GetAsync("/.well-known/openid-configuration")).ShouldBe(HttpStatusCode.OK);
        var admin = await client.AccessTokenAsync(SignIn.Admin, ServiceTopology.AdminPassword);

        using var adminClient = new HttpClient { BaseAddress = client.BaseAddress }.WithToken(admin);
        var me = await (await adminClient.GetAsync("/api/me")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("admin", (string)me["role"]!);
        await (await adminClient.PostJson("/api/staff", new { username = "desk-1", password = SignIn.LibrarianPassword, role = "librarian" }))
            .ShouldBe(HttpStatusCode.Created);
        var librarian = await client.AccessTokenAsync("desk-1", SignIn.LibrarianPassword);

        // The reader is registered at the Reader command service and reaches the Identity service's
        // replica over RabbitMQ; the credentials route goes to Identity, not to readers-write.
        using var desk = new HttpClient { BaseAddress = client.BaseAddress }.WithToken(librarian);
        var reader = await desk.Register();
        var other = await desk.Register();
        var readerId = (string)reader["readerId"]!;
        await client.SetReaderPasswordAsync(readerId, librarian);
        using var readerClient = new HttpClient { BaseAddress = client.BaseAddress };
        await readerClient.AsReaderAsync((string)reader["readerNumber"]!);
        Assert.Equal(readerId, (string)(await (await readerClient.GetAsync("/api/me")).ShouldBe(HttpStatusCode.OK))["readerId"]!);

        // A sample of the route table, each service validating the token itself (keys from discovery):
        // public catalogue, 401 without a token, 403 for a reader on staff routes and a librarian on the
        // admin's, the reader's own details and another's as 404.
        var books = await client.GetAsync("/api/books");
        await books.ShouldBe(HttpStatusCode.OK);
        Assert.False(books.Headers.Contains("Server"), "neither the gateway nor the service names its server");
        Assert.Equal("nosniff", books.Headers.GetValues("X-Content-Type-Options").First());
        await (await client.GetAsync("/api/readers")).ShouldBeProblem(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        await (await client.PostJson("/api/loans", new { readerId, barcode = "none" })).ShouldBeProblem(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        await (await readerClient.GetAsync("/api/readers")).ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await readerClient.PostJson("/api/loans", new { readerId, barcode = "none" })).ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await desk.SendJson(HttpMethod.Put, "/api/lending-policy", new { loanPeriodDays = 1 }, "\"1\"")).ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
        await readerClient.ReadReaderAtVersion(readerId, 1);
        await desk.ReadReaderAtVersion((string)other["readerId"]!, 1); // it exists on the query side: the 404 below is the check's
        await (await readerClient.GetAsync($"/api/readers/{other["readerId"]}")).ShouldBeProblem(HttpStatusCode.NotFound, "reader.not_found");
        await (await readerClient.GetAsync($"/api/loans?readerId={readerId}")).ShouldBe(HttpStatusCode.OK);
    }

    // Through the real gateway: the Identity service limits each client, not the gateway.
    [Fact]
    public async Task The_token_limit_counts_each_client_behind_the_gateway_and_a_forged_forwarded_header_does_not_escape_it()
    {
        // Loopback is a /8 on Linux: a socket bound to 127.0.0.2 is another client to the gateway.
        using var first = From("127.0.0.2");
        using var second = From("127.0.0.3");
        for (var i = 0; i < ServiceTopology.TokenRequestsPerMinute; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await first.PasswordGrantAsync("no-such-account", "wrong-password")).StatusCode);
        }

        await (await first.PasswordGrantAsync("no-such-account", "wrong-password")).ShouldBeProblem(HttpStatusCode.TooManyRequests, "request.too_many");

        // The other client has its own budget; the limited one claiming to be someone else is still itself,
        // because the gateway writes the address it saw.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await second.PasswordGrantAsync("no-such-account", "wrong-password")).StatusCode);
        first.DefaultRequestHeaders.Add("X-Forwarded-For", "127.0.0.9");
        await (await first.PasswordGrantAsync("no-such-account", "wrong-password")).ShouldBeProblem(HttpStatusCode.TooManyRequests, "request.too_many");
    }

    private HttpClient From(string localAddress) =>
        new(new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        { BaseAddress = topology.Client.BaseAddress };
}
