using System.Net;
using Npgsql;

namespace Library.IntegrationTests;

public sealed class ReaderLifecycleTests(LibraryAppFactory app) : IClassFixture<LibraryAppFactory>
{
    private readonly HttpClient _client = app.CreateLibrarianClient();

    [Fact]
    public async Task Profile_update_needs_if_match_and_refuses_a_stale_version()
    {
        var readerId = (string)(await _client.Register())["readerId"]!;
        var change = new { name = "Ada King" };

        await (await _client.SendJson(HttpMethod.Patch, $"/api/readers/{readerId}", change))
            .ShouldBeProblem(HttpStatusCode.PreconditionRequired, "request.if_match_required");
        await (await _client.SendJson(HttpMethod.Patch, $"/api/readers/{readerId}", change, ifMatch: "\"7\""))
            .ShouldBeProblem(HttpStatusCode.PreconditionFailed, "request.version_mismatch");
        await (await _client.SendJson(HttpMethod.Patch, $"/api/readers/{readerId}", change, ifMatch: "banana"))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "request.invalid_if_match");

        var updated = await _client.SendJson(HttpMethod.Patch, $"/api/readers/{readerId}", change, ifMatch: "\"1\"");
        var body = await updated.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2, (long)body["version"]!);
        Assert.Equal("\"2\"", updated.ETag());

        var reader = await _client.ReadReaderAtVersion(readerId, 2);
        Assert.Equal("Ada King", (string)reader["name"]!);
    }

    [Fact]
    public async Task Profile_update_changes_only_the_fields_sent_and_an_empty_phone_removes_it()
    {
        var readerId = (string)(await _client.Register())["readerId"]!;
        var newEmail = $"new-{Guid.NewGuid():N}@example.org";

        var response = await _client.SendJson(
            HttpMethod.Patch,
            $"/api/readers/{readerId}",
            new { email = newEmail, phoneNumber = "", marketingConsent = true, interests = new[] { "poetry" } },
            ifMatch: "\"1\"");
        await response.ShouldBe(HttpStatusCode.OK);

        var reader = await _client.ReadReaderAtVersion(readerId, 2);
        Assert.Equal("Ada Lovelace", (string)reader["name"]!);
        Assert.Equal(newEmail, (string)reader["email"]!);
        Assert.Null(reader["phoneNumber"]);
        Assert.True((bool)reader["marketingConsent"]!);
        Assert.Equal(["poetry"], reader["interests"]!.AsArray().Select(i => (string)i!));
    }

    [Fact]
    public async Task A_profile_update_that_changes_nothing_keeps_the_version()
    {
        var readerId = (string)(await _client.Register())["readerId"]!;

        var response = await _client.SendJson(HttpMethod.Patch, $"/api/readers/{readerId}", new { name = "Ada Lovelace" }, ifMatch: "\"1\"");

        Assert.Equal(1, (long)(await response.ShouldBe(HttpStatusCode.OK))["version"]!);
    }

    [Fact]
    public async Task Profile_update_refuses_an_email_of_another_reader_invalid_fields_and_withdrawn_gdpr_consent()
    {
        var takenEmail = $"taken-{Guid.NewGuid():N}@example.org";
        await _client.Register(ReaderScenario.ValidRegistration(takenEmail));
        var readerId = (string)(await _client.Register())["readerId"]!;
        var url = $"/api/readers/{readerId}";

        await (await _client.SendJson(HttpMethod.Patch, url, new { email = takenEmail.ToUpperInvariant() }, "\"1\""))
            .ShouldBeProblem(HttpStatusCode.Conflict, "reader.email_taken");
        var invalid = await (await _client.SendJson(HttpMethod.Patch, url, new { name = new string('n', 10_000), phoneNumber = "abc" }, "\"1\""))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "request.validation_failed");
        Assert.True(invalid["errors"]!.AsObject().ContainsKey("name"));
        Assert.True(invalid["errors"]!.AsObject().ContainsKey("phoneNumber"));
        await (await _client.SendJson(HttpMethod.Patch, url, new { gdprConsent = false }, "\"1\""))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "reader.gdpr_consent_required");
        await (await _client.SendRaw(HttpMethod.Patch, url, "{\"interests\": \"poetry\"}", "\"1\""))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "request.malformed");
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000001")]
    [InlineData("not-a-guid")]
    public async Task Unknown_or_malformed_reader_ids_are_404_on_every_endpoint(string readerId)
    {
        await (await _client.SendJson(HttpMethod.Patch, $"/api/readers/{readerId}", new { name = "X" }, "\"1\""))
            .ShouldBeProblem(HttpStatusCode.NotFound, "reader.not_found");
        await (await _client.SendJson(HttpMethod.Put, $"/api/readers/{readerId}/suspension", new { reason = "late" }))
            .ShouldBeProblem(HttpStatusCode.NotFound, "reader.not_found");
        await (await _client.SendJson(HttpMethod.Delete, $"/api/readers/{readerId}/suspension", null))
            .ShouldBeProblem(HttpStatusCode.NotFound, "reader.not_found");
        await (await _client.SendJson(HttpMethod.Delete, $"/api/readers/{readerId}", null))
            .ShouldBeProblem(HttpStatusCode.NotFound, "reader.not_found");
        await (await _client.GetAsync($"/api/readers/{readerId}"))
            .ShouldBeProblem(HttpStatusCode.NotFound, "reader.not_found");
    }

    [Fact]
    public async Task Suspension_and_reactivation_reach_the_query_side()
    {
        var readerId = (string)(await _client.Register())["readerId"]!;
        var suspensionUrl = $"/api/readers/{readerId}/suspension";

        await (await _client.SendJson(HttpMethod.Put, suspensionUrl, new { reason = " " }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "request.validation_failed");
        await (await _client.SendJson(HttpMethod.Delete, suspensionUrl, null))
            .ShouldBeProblem(HttpStatusCode.Conflict, "reader.not_suspended");

        var suspended = await (await _client.SendJson(HttpMethod.Put, suspensionUrl, new { reason = "Lost three books" }))
            .ShouldBe(HttpStatusCode.OK);
        Assert.Equal("suspended", (string)suspended["status"]!);
        var read = await _client.ReadReaderAtVersion(readerId, 2);
        Assert.Equal("suspended", (string)read["status"]!);
        Assert.Equal("Lost three books", (string)read["suspensionReason"]!);

        var same = await (await _client.SendJson(HttpMethod.Put, suspensionUrl, new { reason = "Lost three books" }))
            .ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2, (long)same["version"]!);

        await (await _client.SendJson(HttpMethod.Delete, suspensionUrl, null, ifMatch: "\"1\""))
            .ShouldBeProblem(HttpStatusCode.PreconditionFailed, "request.version_mismatch");
        var reactivated = await (await _client.SendJson(HttpMethod.Delete, suspensionUrl, null, ifMatch: "\"2\""))
            .ShouldBe(HttpStatusCode.OK);
        Assert.Equal("active", (string)reactivated["status"]!);
        read = await _client.ReadReaderAtVersion(readerId, 3);
        Assert.Equal("active", (string)read["status"]!);
        Assert.Null(read["suspensionReason"]);
    }

    [Fact]
    public async Task Erasure_anonymises_both_sides_frees_the_email_and_is_harmless_to_repeat()
    {
        var email = $"erase-{Guid.NewGuid():N}@example.org";
        var registered = await _client.Register(ReaderScenario.ValidRegistration(email));
        var readerId = (string)registered["readerId"]!;

        // Pending (version 2) until the Lending service answers, then erased (version 3).
        var erased = await _client.EraseAndWait(readerId);
        Assert.Equal((HttpStatusCode.Accepted, "completed"), (erased.FirstAnswer, erased.Status));

        var read = await _client.ReadReaderAtVersion(readerId, 3);
        Assert.Equal("erased", (string)read["status"]!);
        Assert.Equal("Erased reader", (string)read["name"]!);
        Assert.Null(read["email"]);
        Assert.Null(read["phoneNumber"]);
        Assert.Null(read["birthDate"]);
        Assert.Empty(read["interests"]!.AsArray());
        Assert.Equal((string)registered["readerNumber"]!, (string)read["readerNumber"]!);

        await using (var db = new NpgsqlConnection(app.ConnectionString))
        {
            await db.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT name, email, phone_number, birth_date FROM reader.readers WHERE id = @id", db);
            command.Parameters.AddWithValue("id", Guid.Parse(readerId));
            await using var row = await command.ExecuteReaderAsync();
            Assert.True(await row.ReadAsync());
            Assert.Equal("Erased reader", row.GetString(0));
            Assert.True(row.IsDBNull(1) && row.IsDBNull(2) && row.IsDBNull(3));
        }

        var again = await (await _client.SendJson(HttpMethod.Delete, $"/api/readers/{readerId}", null)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal((3, "erased", "completed"), ((long)again["version"]!, (string?)again["status"], (string?)again["erasure"]));
        Assert.Equal("completed", (string?)read["erasure"]!["status"]);
        await (await _client.SendJson(HttpMethod.Patch, $"/api/readers/{readerId}", new { name = "Back" }, "\"3\""))
            .ShouldBeProblem(HttpStatusCode.Conflict, "reader.erased");
        await (await _client.SendJson(HttpMethod.Put, $"/api/readers/{readerId}/suspension", new { reason = "x" }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "reader.erased");
        await (await _client.SendJson(HttpMethod.Delete, $"/api/readers/{readerId}/suspension", null))
            .ShouldBeProblem(HttpStatusCode.Conflict, "reader.erased");

        await _client.Register(ReaderScenario.ValidRegistration(email));
    }

    [Fact]
    public async Task Erasure_is_refused_while_the_lending_replica_shows_open_loans_or_fines()
    {
        var readerId = (string)(await _client.Register())["readerId"]!;
        await SeedObligation(readerId, isOpenLoan: true, owedCents: 0);

        await (await _client.SendJson(HttpMethod.Delete, $"/api/readers/{readerId}", null))
            .ShouldBeProblem(HttpStatusCode.Conflict, "reader.has_open_loans");

        var otherId = (string)(await _client.Register())["readerId"]!;
        await SeedObligation(otherId, isOpenLoan: false, owedCents: 150);

        await (await _client.SendJson(HttpMethod.Delete, $"/api/readers/{otherId}", null))
            .ShouldBeProblem(HttpStatusCode.Conflict, "reader.owes_fines");
        var stillThere = await _client.ReadReaderAtVersion(otherId, 1);
        Assert.Equal("active", (string)stillThere["status"]!);
    }

    /// <summary>What the lending events will write into the Reader service's replica.</summary>
    private async Task SeedObligation(string readerId, bool isOpenLoan, long owedCents)
    {
        await using var db = new NpgsqlConnection(app.ConnectionString);
        await db.OpenAsync();
        await using var insert = new NpgsqlCommand(
            "INSERT INTO reader.lending_obligations (source_id, reader_id, version, is_open_loan, owed_cents) VALUES (@s, @r, 1, @o, @c)", db);
        insert.Parameters.AddWithValue("s", Guid.NewGuid());
        insert.Parameters.AddWithValue("r", Guid.Parse(readerId));
        insert.Parameters.AddWithValue("o", isOpenLoan);
        insert.Parameters.AddWithValue("c", owedCents);
        await insert.ExecuteNonQueryAsync();
    }
}
