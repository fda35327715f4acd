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
        var reader = await client.Register();
        await client.SetReaderPasswordAsync((string)reader["readerId"]!, librarian);
        using var readerClient = new HttpClient { BaseAddress = client.BaseAddress };
        await readerClient.AsReaderAsync((string)reader["readerNumber"]!);
        Assert.Equal((string)reader["readerId"]!, (string)(await (await readerClient.GetAsync("/api/me")).ShouldBe(HttpStatusCode.OK))["readerId"]!);
    }
}
