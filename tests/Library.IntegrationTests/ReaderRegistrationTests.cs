using System.Net;

namespace Library.IntegrationTests;

public sealed class ReaderRegistrationTests(LibraryAppFactory app) : IClassFixture<LibraryAppFactory>
{
    private readonly HttpClient _client = app.CreateLibrarianClient();

    [Fact]
    public async Task Registering_answers_201_with_number_version_etag_and_location_and_the_query_side_follows()
    {
        var body = ReaderScenario.ValidRegistration();
        var response = await _client.PostJson("/api/readers", body);

        var created = await response.ShouldBe(HttpStatusCode.Created);
        var readerId = (string)created["readerId"]!;
        Assert.Matches(@"^2026/\d+$", (string)created["readerNumber"]!);
        Assert.Equal(1, (long)created["version"]!);
        Assert.Equal("\"1\"", response.ETag());
        Assert.Equal($"/api/readers/{readerId}", response.Headers.Location?.ToString());

        var reader = await _client.ReadReaderAtVersion(readerId, 1);
        Assert.Equal("Ada Lovelace", (string)reader["name"]!);
        Assert.Equal(body["email"], (string)reader["email"]!);
        Assert.Equal("+48123456789", (string)reader["phoneNumber"]!);
        Assert.Equal("1990-12-10", (string)reader["birthDate"]!);
        Assert.Equal("active", (string)reader["status"]!);
        Assert.Equal(created["readerNumber"]!.ToString(), (string)reader["readerNumber"]!);
        Assert.Equal(0, (int)reader["activeLoans"]!);
        Assert.Equal(0, (int)reader["overdueLoans"]!);
        Assert.Equal(0, (long)reader["finesOwedCents"]!);
        Assert.Equal(["science fiction", "history"], reader["interests"]!.AsArray().Select(i => (string)i!));
    }

    [Fact]
    public async Task An_email_in_use_is_refused_whatever_its_case()
    {
        var email = $"Case.{Guid.NewGuid():N}@Example.org";
        await _client.Register(ReaderScenario.ValidRegistration(email));

        var again = await _client.PostJson("/api/readers", ReaderScenario.ValidRegistration(email.ToUpperInvariant()));

        await again.ShouldBeProblem(HttpStatusCode.Conflict, "reader.email_taken");
    }

    [Fact]
    public async Task Concurrent_registrations_with_one_email_create_exactly_one_reader()
    {
        var email = $"race-{Guid.NewGuid():N}@example.org";
        var attempts = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(_ => _client.PostJson("/api/readers", ReaderScenario.ValidRegistration(email))));

        Assert.Single(attempts, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in attempts.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await refused.ShouldBeProblem(HttpStatusCode.Conflict, "reader.email_taken");
        }
    }

    [Fact]
    public async Task Missing_fields_are_each_named_in_a_400()
    {
        var response = await _client.SendRaw(HttpMethod.Post, "/api/readers", "{}");

        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest, "request.validation_failed");
        var errors = problem["errors"]!.AsObject();
        Assert.Contains("name", errors.Select(e => e.Key));
        Assert.Contains("email", errors.Select(e => e.Key));
        Assert.Contains("birthDate", errors.Select(e => e.Key));
        Assert.Contains("gdprConsent", errors.Select(e => e.Key));
    }

    [Theory]
    [InlineData("name", "10000")]
    [InlineData("name", "blank")]
    [InlineData("email", "not-an-email")]
    [InlineData("phoneNumber", "12345")]
    [InlineData("phoneNumber", "+48 123 456 789")]
    [InlineData("phoneNumber", "1234567890123456")]
    [InlineData("interests", "21")]
    public async Task Invalid_fields_are_refused_with_the_field_named(string field, string variant)
    {
        var body = ReaderScenario.ValidRegistration();
        body[field] = (field, variant) switch
        {
            ("name", "10000") => new string('x', 10_000),
            ("name", "blank") => "   ",
            ("interests", "21") => Enumerable.Range(1, 21).Select(i => $"genre {i}").ToArray(),
            _ => variant,
        };

        var response = await _client.PostJson("/api/readers", body);

        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest, "request.validation_failed");
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());
    }

    [Fact]
    public async Task Gdpr_consent_must_be_given()
    {
        var body = ReaderScenario.ValidRegistration();
        body["gdprConsent"] = false;

        var problem = await (await _client.PostJson("/api/readers", body))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "reader.gdpr_consent_required");

        Assert.True(problem["errors"]!.AsObject().ContainsKey("gdprConsent"));
    }

    [Fact]
    public async Task A_reader_must_be_twelve_on_the_day_of_registration()
    {
        var today = DateOnly.FromDateTime(LibraryAppFactory.Start.UtcDateTime);
        var body = ReaderScenario.ValidRegistration();
        body["birthDate"] = today.AddYears(-12).AddDays(1).ToString("yyyy-MM-dd");
        await (await _client.PostJson("/api/readers", body)).ShouldBeProblem(HttpStatusCode.BadRequest, "reader.too_young");

        body["birthDate"] = today.AddYears(-12).ToString("yyyy-MM-dd");
        await (await _client.PostJson("/api/readers", body)).ShouldBe(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("{\"name\": \"Ada\", ")]
    [InlineData("not json at all")]
    [InlineData("{\"name\": 123, \"email\": \"a@b.org\", \"birthDate\": \"1990-01-01\", \"gdprConsent\": true}")]
    [InlineData("{\"name\": \"Ada\", \"email\": \"a@b.org\", \"birthDate\": \"1990-13-45\", \"gdprConsent\": true}")]
    [InlineData("{\"name\": \"Ada\", \"email\": \"a@b.org\", \"birthDate\": \"1990-01-01\", \"gdprConsent\": \"yes\"}")]
    [InlineData("[1, 2, 3]")]
    public async Task Malformed_json_wrong_types_and_impossible_values_are_400_not_500(string rawJson)
    {
        var response = await _client.SendRaw(HttpMethod.Post, "/api/readers", rawJson);

        await response.ShouldBeProblem(HttpStatusCode.BadRequest, "request.malformed");
    }

    [Fact]
    public async Task Unknown_json_fields_are_ignored()
    {
        var body = ReaderScenario.ValidRegistration();
        body["favouriteColour"] = "green";

        await (await _client.PostJson("/api/readers", body)).ShouldBe(HttpStatusCode.Created);
    }
}
