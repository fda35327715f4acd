using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Library.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Library.Web.Api;

/// <summary>
/// The front end's only way to the Library: the public HTTP API, with the signed-in user's access token, so every
/// rule (who may do what, which reader is whose) is the API's and is enforced once. A refusal comes back as the
/// problem's <c>detail</c> (the API writes it for a librarian) and its stable <c>code</c>, for a page to show.
/// </summary>
internal sealed class LibraryApi(HttpClient http, IHttpContextAccessor accessor)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<ApiResult> GetAsync(string path, CancellationToken ct = default) => SendAsync(HttpMethod.Get, path, null, null, ct);

    public Task<ApiResult> PostAsync(string path, object? body, CancellationToken ct = default) => SendAsync(HttpMethod.Post, path, body, null, ct);

    public Task<ApiResult> PutAsync(string path, object? body, string? ifMatch = null, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, path, body, ifMatch, ct);

    public Task<ApiResult> PatchAsync(string path, object? body, string? ifMatch, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Patch, path, body, ifMatch, ct);

    public Task<ApiResult> DeleteAsync(string path, string? ifMatch = null, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, path, null, ifMatch, ct);

    private async Task<ApiResult> SendAsync(HttpMethod method, string path, object? body, string? ifMatch, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (accessor.HttpContext is { } context && await TokenOfAsync(context) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException)
        {
            return ApiResult.Unreachable();
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            JsonNode? json = null;
            if (text.Length > 0)
            {
                try
                {
                    json = JsonNode.Parse(text);
                }
                catch (JsonException)
                {
                    json = null;
                }
            }

            var etag = response.Headers.ETag?.Tag;
            if (response.IsSuccessStatusCode)
            {
                return new ApiResult(response.StatusCode, json, etag, null, null);
            }

            var code = (string?)json?["code"];
            var detail = (string?)json?["detail"] ?? (string?)json?["title"];
            return new ApiResult(response.StatusCode, json, etag, code ?? "request.failed", Describe(response.StatusCode, detail, json));
        }
    }

    /// <summary>Read once per request, then shared by the page's calls (some run in parallel; an HttpContext is not thread-safe).</summary>
    private static Task<string?> TokenOfAsync(HttpContext context)
    {
        if (context.Items[TokenKey] is not Task<string?> token)
        {
            token = context.GetTokenAsync(WebAuthentication.CookieScheme, "access_token");
            context.Items[TokenKey] = token;
        }

        return token;
    }

    private static readonly object TokenKey = new();

    /// <summary>The problem's detail, with the fields a validation problem names, in words a librarian reads.</summary>
    private static string Describe(HttpStatusCode status, string? detail, JsonNode? problem)
    {
        if (problem?["errors"] is JsonObject errors && errors.Count > 0)
        {
            var messages = errors.SelectMany(e => e.Value is JsonArray list ? list.Select(m => (string?)m) : []).Where(m => m is not null);
            return string.Join(" ", messages);
        }

        return detail ?? status switch
        {
            HttpStatusCode.Unauthorized => "Your session has ended. Please sign in again.",
            HttpStatusCode.Forbidden => "You may not do this.",
            HttpStatusCode.NotFound => "Not found.",
            HttpStatusCode.TooManyRequests => "Too many requests at once. Please try again in a moment.",
            _ => "The Library could not do this. Please try again.",
        };
    }
}

/// <summary>What the API answered: the body on success, else the problem's <see cref="Code"/> and a message to show.</summary>
internal sealed record ApiResult(HttpStatusCode Status, JsonNode? Body, string? ETag, string? Code, string? Message)
{
    public bool Ok => Code is null;

    public static ApiResult Unreachable() =>
        new(HttpStatusCode.ServiceUnavailable, null, null, "server.unavailable", "The Library's services cannot be reached. Please try again in a moment.");

    public T? As<T>() => Body is null ? default : Body.Deserialize<T>(LibraryApi.Json);

    /// <summary>A page's items; none when the API refused (the page shows its own message for that).</summary>
    public IReadOnlyList<T> Items<T>() => Ok ? As<PageOf<T>>()?.Items ?? [] : [];
}
