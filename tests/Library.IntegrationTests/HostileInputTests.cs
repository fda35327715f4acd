using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;

namespace Library.IntegrationTests;

/// <summary>
/// The spec's input rules (section 3), request by request as a hostile client sends them: each case
/// answered 500, a wrong page or a body-less error before the rules were applied at their mechanism.
/// </summary>
public sealed class HostileInputTests(LibraryAppFactory app) : IClassFixture<LibraryAppFactory>
{
    private const string ControlCharacters = "control characters";
    private const string Invisible = "visible character";

    private static readonly string[] ModuleAssemblies = ["Library.Reader.Command", "Library.Reader.Query", "Library.Lending.Command", "Library.Lending.Query"];

    private readonly HttpClient _client = app.CreateAdminClient();

    public static TheoryData<string> TextFields() => [.. MessageTextFields().Select(f => f.Key)];

    /// <summary>
    /// Every string of every message of every module, found here by reflection independently of the rule
    /// under test, goes through the module's real pipeline with a U+0000 and a name made of U+200B,
    /// U+202E and U+FEFF: each is a 400 naming that field, before any handler or store sees it.
    /// </summary>
    [Theory]
    [MemberData(nameof(TextFields))]
    public async Task Every_text_field_of_every_message_refuses_control_and_invisible_only_characters(string key)
    {
        var field = MessageTextFields()[key];
        foreach (var (hostile, expected) in new[] { ("a\u0000b", ControlCharacters), ("\u200B\u202E\uFEFF", Invisible), ("x\u0007", ControlCharacters), ("\uD800x", "surrogate") })
        {
            var errors = await SendAsync(field, hostile);
            Assert.True(errors is not null, $"{key} with {Escape(hostile)} was not refused");
            Assert.True(
                errors.TryGetValue(field.JsonName, out var messages) && messages.Any(m => m.Contains(expected, StringComparison.Ordinal)),
                $"{key} with {Escape(hostile)}: no '{expected}' error at '{field.JsonName}' in {string.Join("; ", errors.Select(e => e.Key + ": " + string.Join(" | ", e.Value)))}");
        }

        // Free text (comments, reasons) may hold tab and line breaks; every other field refuses them too.
        var multiline = await SendAsync(field, "line one\r\n\tline two");
        var refusedForControl = multiline is not null && multiline.TryGetValue(field.JsonName, out var found)
            && found.Any(m => m.Contains(ControlCharacters, StringComparison.Ordinal));
        Assert.Equal(!field.FreeText, refusedForControl);
    }

    [Fact]
    public void The_enumeration_finds_the_fields_the_spec_names()
    {
        var keys = MessageTextFields().Keys.ToList();
        string[] expected =
        [
            "RegisterReaderCommand.Name", "RegisterReaderCommand.Email", "RegisterReaderCommand.PhoneNumber", "RegisterReaderCommand.Interests",
            "UpdateReaderProfileCommand.Changes.Name", "SuspendReaderCommand.Reason", "AddBookCommand.Title", "AddBookCommand.Authors",
            "AddCopyCommand.Barcode", "AddCopyCommand.Isbn", "CheckoutCommand.Barcode", "ReturnLoanCommand.Comment", "WaiveFineCommand.Reason",
            "ChangePolicyCommand.Policy.Currency", "SearchReadersQuery.Name", "SearchLoansQuery.Isbn", "GetBookQuery.Isbn",
        ];
        Assert.All(expected, key => Assert.Contains(key, keys));
    }

    [Fact]
    public async Task A_nul_in_a_registration_is_a_400_not_a_500()
    {
        var body = ReaderScenario.ValidRegistration();
        body["name"] = "Ada\u0000Lovelace";
        var problem = await (await _client.PostJson("/api/readers", body)).ShouldBeProblem(HttpStatusCode.BadRequest, "request.validation_failed");
        Assert.Contains("name", problem["errors"]!.AsObject().Select(e => e.Key));
    }

    [Theory]
    [InlineData("application/json; charset=ebcdic")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=\"no-such-charset\"")]
    public async Task A_request_charset_other_than_utf8_is_a_415_problem(string contentType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/books")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"isbn\":\"x\"}")),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        await (await _client.SendAsync(request)).ShouldBeProblem(HttpStatusCode.UnsupportedMediaType, "request.unsupported_charset");
    }

    [Fact]
    public async Task Utf8_with_an_explicit_charset_is_accepted()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/readers")
        {
            Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(ReaderScenario.ValidRegistration()), Encoding.UTF8, "application/json"),
        };
        request.Content.Headers.ContentType!.CharSet = "UTF-8";
        await (await _client.SendAsync(request)).ShouldBe(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("/api/loans?to=9999-12-31")]
    [InlineData("/api/loans?from=0001-01-01")]
    [InlineData("/api/stats/loans?to=9999-12-31")]
    [InlineData("/api/loans?page=21474838&pageSize=100")]
    [InlineData("/api/loans/overdue?page=2147483647&pageSize=2")]
    [InlineData("/api/books?page=21474838&pageSize=100")]
    [InlineData("/api/readers?page=21474838&pageSize=100")]
    [InlineData("/api/holds?page=21474838&pageSize=100")]
    [InlineData("/api/loans/owing?page=0")]
    [InlineData("/api/loans/owing?pageSize=101")]
    public async Task Dates_out_of_range_and_page_windows_that_overflow_are_400(string url)
    {
        await (await _client.GetAsync(url)).ShouldBeProblem(HttpStatusCode.BadRequest, "request.validation_failed");
    }

    [Fact]
    public async Task The_last_page_window_that_fits_is_still_answered()
    {
        var page = await (await _client.GetAsync("/api/loans?page=21474836&pageSize=100")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(21474836, (int)page["page"]!);
        Assert.Empty(page["items"]!.AsArray());
    }

    [Fact]
    public async Task Every_get_route_of_the_openapi_document_answers_head_with_the_get_headers_and_no_body()
    {
        var isbn = await _client.AddBook();
        var reader = await _client.Register();
        var readerId = (string)reader["readerId"]!;
        await _client.ReadReaderAtVersion(readerId, 1);
        var document = await (await _client.GetAsync("/openapi/v1.json")).Json();
        var gets = document["paths"]!.AsObject()
            .Where(p => p.Value!.AsObject().ContainsKey("get"))
            .Select(p => p.Key.Replace("{isbn}", isbn, StringComparison.Ordinal)
                .Replace("{readerId}", readerId, StringComparison.Ordinal)
                .Replace("{loanId}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
                .Replace("{holdId}", Guid.NewGuid().ToString(), StringComparison.Ordinal))
            .Concat(["/health/live", "/health/ready", "/openapi/v1.json", "/api/nothing-here"])
            .ToList();
        Assert.True(gets.Count >= 10, $"only {gets.Count} GET routes");

        foreach (var url in gets)
        {
            var get = await _client.GetAsync(url);
            var getBody = await get.Content.ReadAsByteArrayAsync();
            var head = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
            Assert.True(get.StatusCode == head.StatusCode, $"HEAD {url}: {(int)head.StatusCode}, GET: {(int)get.StatusCode}");
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
            Assert.Equal(get.Content.Headers.ContentType?.ToString(), head.Content.Headers.ContentType?.ToString());
            Assert.Equal(get.Headers.ETag, head.Headers.ETag);
            if (!url.StartsWith("/health", StringComparison.Ordinal))
            {
                // The health report carries its own duration, so its length varies between two calls.
                Assert.True(getBody.Length == head.Content.Headers.ContentLength, $"HEAD {url}: Content-Length {head.Content.Headers.ContentLength}, GET body {getBody.Length} bytes");
            }
        }
    }

    [Fact]
    public async Task A_body_over_one_mebibyte_is_a_413_problem_whether_or_not_its_length_is_declared()
    {
        var big = "{\"title\":\"" + new string('a', 1024 * 1024) + "\"}";
        var declared = new HttpRequestMessage(HttpMethod.Post, "/api/books") { Content = new StringContent(big, Encoding.UTF8, "application/json") };
        await (await _client.SendAsync(declared)).ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge, "request.too_large");

        // Chunked: no Content-Length to refuse up front, so the limit must hold while the body is read.
        var chunked = new HttpRequestMessage(HttpMethod.Post, "/api/readers") { Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big))) };
        chunked.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        chunked.Headers.TransferEncodingChunked = true;
        await (await _client.SendAsync(chunked)).ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge, "request.too_large");
    }

    [Fact]
    public async Task A_long_target_and_too_many_or_too_large_headers_are_problems()
    {
        await (await _client.GetAsync("/api/books?title=" + new string('a', 9000))).ShouldBeProblem(HttpStatusCode.RequestUriTooLong, "request.uri_too_long");

        var many = new HttpRequestMessage(HttpMethod.Get, "/api/books");
        for (var i = 0; i < 120; i++)
        {
            many.Headers.TryAddWithoutValidation($"X-Filler-{i}", "x");
        }

        await (await _client.SendAsync(many)).ShouldBeProblem(HttpStatusCode.RequestHeaderFieldsTooLarge, "request.headers_too_large");

        var large = new HttpRequestMessage(HttpMethod.Get, "/api/books");
        large.Headers.TryAddWithoutValidation("X-Filler", new string('x', 40_000));
        await (await _client.SendAsync(large)).ShouldBeProblem(HttpStatusCode.RequestHeaderFieldsTooLarge, "request.headers_too_large");
    }

    [Theory]
    [InlineData("GET", "/openapi/v2.json", HttpStatusCode.NotFound, "request.not_found")]
    [InlineData("GET", "/api/nothing-here", HttpStatusCode.NotFound, "request.not_found")]
    [InlineData("DELETE", "/api/books", HttpStatusCode.MethodNotAllowed, "request.method_not_allowed")]
    [InlineData("PUT", "/api/loans/overdue", HttpStatusCode.MethodNotAllowed, "request.method_not_allowed")]
    public async Task What_the_server_itself_refuses_is_a_problem_with_a_code(string method, string url, HttpStatusCode status, string code)
    {
        await (await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url))).ShouldBeProblem(status, code);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_problem()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/books") { Content = new StringContent("isbn=1", Encoding.UTF8, "text/plain") };
        await (await _client.SendAsync(request)).ShouldBeProblem(HttpStatusCode.UnsupportedMediaType, "request.unsupported_media_type");
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("1890-05-01")]
    public async Task An_implausible_birth_date_is_refused(string birthDate)
    {
        var body = ReaderScenario.ValidRegistration();
        body["birthDate"] = birthDate;
        var problem = await (await _client.PostJson("/api/readers", body)).ShouldBeProblem(HttpStatusCode.BadRequest, "reader.birth_date_implausible");
        Assert.Contains("birthDate", problem["errors"]!.AsObject().Select(e => e.Key));
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("eur")]
    [InlineData("ABC")]
    [InlineData("XXX")]
    public async Task A_currency_that_is_not_an_iso_4217_code_in_use_is_refused(string currency)
    {
        var current = await _client.GetAsync("/api/lending-policy");
        var policy = await current.Json();
        policy["currency"] = currency;
        var response = await _client.SendRaw(HttpMethod.Put, "/api/lending-policy", policy.ToJsonString(), current.ETag());
        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest, "request.validation_failed");
        Assert.Contains("currency", problem["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task Readiness_shows_each_check_status_and_nothing_else_to_anyone_but_staff()
    {
        var ready = await (await app.CreateClient().GetAsync("/health/ready")).ShouldBe(HttpStatusCode.OK);
        Assert.All(ready["checks"]!.AsArray(), check => Assert.Equal(["name", "status"], check!.AsObject().Select(p => p.Key).Order()));
    }

    private static string Escape(string text) => string.Concat(text.Select(c => c is >= ' ' and < '\u007F' ? c.ToString() : $"\\u{(int)c:X4}"));

    /// <summary>Sends the message with <paramref name="value"/> in the field through its module's mediator; the field errors when refused.</summary>
    private async Task<IReadOnlyDictionary<string, string[]>?> SendAsync(TextField field, string value)
    {
        var message = field.Build(value);
        var mediatorType = field.MessageType.Assembly.GetTypes().Single(t => t.Name == "Mediator" && t.Namespace?.EndsWith(".Messaging", StringComparison.Ordinal) == true);
        using var scope = app.Services.CreateScope();
        var mediator = scope.ServiceProvider.GetRequiredService(mediatorType);
        var send = mediatorType.GetMethods().Single(m => m.Name == "Send" && m.GetParameters() is [{ ParameterType: var p }, _] && p == typeof(object));
        var pending = send.Invoke(mediator, [message, CancellationToken.None])!;
        var result = await (ValueTask<object?>)pending;
        var error = result!.GetType().GetProperty("Error")!.GetValue(result);
        if (error is null || (string)error.GetType().GetProperty("Code")!.GetValue(error)! != "request.validation_failed")
        {
            return null;
        }

        return (IReadOnlyDictionary<string, string[]>?)error.GetType().GetProperty("FieldErrors")!.GetValue(error);
    }

    private static Dictionary<string, TextField> MessageTextFields()
    {
        var fields = new Dictionary<string, TextField>(StringComparer.Ordinal);
        foreach (var type in ModuleAssemblies.Select(Assembly.Load).SelectMany(a => a.GetTypes()))
        {
            if (type.IsAbstract || !type.GetInterfaces().Any(i => i.FullName == "Mediator.IMessage"))
            {
                continue;
            }

            foreach (var field in TextField.Of(type, type, [], type.Name))
            {
                fields[field.Key] = field;
            }
        }

        return fields;
    }

    /// <summary>A text parameter of a message's positional record, reached through <see cref="Path"/> (a wrapped request body).</summary>
    public sealed record TextField(string Key, Type MessageType, string JsonName, ParameterInfo[] Path, bool IsList, bool FreeText)
    {
        public static IEnumerable<TextField> Of(Type messageType, Type type, ParameterInfo[] path, string prefix)
        {
            foreach (var parameter in type.GetConstructors().Single().GetParameters())
            {
                ParameterInfo[] here = [.. path, parameter];
                var key = prefix + "." + char.ToUpperInvariant(parameter.Name![0]) + parameter.Name[1..];
                var json = char.ToLowerInvariant(parameter.Name[0]) + parameter.Name[1..];
                var freeText = type.GetProperty(char.ToUpperInvariant(parameter.Name[0]) + parameter.Name[1..])!
                    .GetCustomAttributes().Any(a => a.GetType().Name == "FreeTextAttribute");
                if (parameter.ParameterType == typeof(string))
                {
                    yield return new TextField(key, messageType, json, here, IsList: false, freeText);
                }
                else if (typeof(IEnumerable<string>).IsAssignableFrom(parameter.ParameterType))
                {
                    yield return new TextField(key, messageType, json + "[0]", here, IsList: true, freeText);
                }
                else if (parameter.ParameterType.IsClass && parameter.ParameterType.Assembly == type.Assembly)
                {
                    foreach (var nested in Of(messageType, parameter.ParameterType, here, key))
                    {
                        yield return nested;
                    }
                }
            }
        }

        public object Build(string value) => Build(MessageType, 0, value);

        private object Build(Type type, int depth, string value)
        {
            var parameters = type.GetConstructors().Single().GetParameters();
            var arguments = parameters.Select(p =>
            {
                if (depth < Path.Length && p == Path[depth])
                {
                    return depth == Path.Length - 1
                        ? (IsList ? new List<string> { value } : value)
                        : Build(p.ParameterType, depth + 1, value);
                }

                return Default(p.ParameterType);
            }).ToArray();
            return Activator.CreateInstance(type, arguments)!;
        }

        private static object? Default(Type type) =>
            type == typeof(Guid) ? Guid.NewGuid()
            : type == typeof(long) ? 1L
            : type == typeof(int) ? 1
            : type == typeof(string) ? "x"
            : type.IsValueType ? Activator.CreateInstance(type)
            : null;
    }
}
