using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Library.BuildingBlocks.Hosting;

/// <summary>Bound from <c>Server:RequestLimits</c>: what a request may be before any endpoint sees it.</summary>
public sealed class RequestLimitsOptions
{
    public const string SectionName = "Server:RequestLimits";

    /// <summary>
    /// The body limit of every route that does not name its own (<c>[RequestSizeLimit]</c> metadata).
    /// The largest legitimate body (a book with 50 authors) is under 20 KB; Kestrel's default of 30 MB
    /// let eight concurrent 30 MB bodies raise the host's RSS from 380 to 897 MB.
    /// </summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Path and query; longer is 414. Browsers and proxies stop near 8 KiB too.</summary>
    public int MaxTargetBytes { get; set; } = 8 * 1024;

    /// <summary>All header names and values together; more is 431 (Kestrel's own default).</summary>
    public int MaxHeaderBytes { get; set; } = 32 * 1024;

    /// <summary>Header fields; more is 431 (Kestrel's own default).</summary>
    public int MaxHeaderCount { get; set; } = 100;
}

/// <summary>
/// The request limits, enforced in the application so every refusal is a problem with a code. Kestrel
/// answers its own limits with an empty body and cannot be made to do otherwise, so its limits are set
/// well above these (see <see cref="ConfigureKestrelCeilings"/>) and only catch what no client sends.
/// </summary>
internal static class RequestLimits
{
    /// <summary>Kestrel's own limits: four times the application's, a last resort with an empty body.</summary>
    public const int KestrelCeilingFactor = 4;

    private static readonly string[] Utf8Charsets = ["utf-8", "utf8", "us-ascii"];

    public static void ConfigureKestrelCeilings(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions kestrel, RequestLimitsOptions limits)
    {
        // Request line = method, target and version, so the target limit plus room for both.
        kestrel.Limits.MaxRequestLineSize = (limits.MaxTargetBytes * KestrelCeilingFactor) + 64;
        kestrel.Limits.MaxRequestHeadersTotalSize = limits.MaxHeaderBytes * KestrelCeilingFactor;
        kestrel.Limits.MaxRequestHeaderCount = limits.MaxHeaderCount * KestrelCeilingFactor;

        // The body limit is set per request from the route (BodyLimit below); this is the default when none is.
        kestrel.Limits.MaxRequestBodySize = limits.MaxBodyBytes;
    }

    /// <summary>Before routing: the target, the headers and the request charset.</summary>
    public static IApplicationBuilder UseRequestShapeLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limits = context.RequestServices.GetRequiredService<IOptions<RequestLimitsOptions>>().Value;
        var request = context.Request;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw.Length
            : request.PathBase.ToUriComponent().Length + request.Path.ToUriComponent().Length + request.QueryString.ToUriComponent().Length;
        if (target > limits.MaxTargetBytes)
        {
            await WriteProblemAsync(context, StatusCodes.Status414UriTooLong, $"The path and query may be at most {limits.MaxTargetBytes} bytes.");
            return;
        }

        var count = 0;
        long bytes = 0;
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                count++;
                bytes += name.Length + (value?.Length ?? 0) + 4;
            }
        }

        if (count > limits.MaxHeaderCount || bytes > limits.MaxHeaderBytes)
        {
            await WriteProblemAsync(
                context,
                StatusCodes.Status431RequestHeaderFieldsTooLarge,
                $"At most {limits.MaxHeaderCount} header fields of {limits.MaxHeaderBytes} bytes in all.");
            return;
        }

        if (request.ContentType is { } contentType && !IsUtf8(contentType))
        {
            // JSON is UTF-8 (RFC 8259); an unknown charset made the body reader throw, a 500.
            await WriteProblemAsync(
                context,
                StatusCodes.Status415UnsupportedMediaType,
                "Request bodies must be UTF-8: send charset=utf-8 or no charset.",
                Results.CommonErrors.UnsupportedCharsetCode);
            return;
        }

        await next(context);
    });

    /// <summary>
    /// After routing, so a route's own limit applies: a declared length over the limit is refused
    /// before a byte is read, and a body without one stops being read at the limit.
    /// </summary>
    public static IApplicationBuilder UseBodyLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limits = context.RequestServices.GetRequiredService<IOptions<RequestLimitsOptions>>().Value;
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? limits.MaxBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            await WriteProblemAsync(context, StatusCodes.Status413PayloadTooLarge, $"The request body may be at most {limit} bytes.");
            return;
        }

        // The server's own limit where it has one (Kestrel stops reading there), and a counting stream
        // for every server, so the limit and its problem are the same under Kestrel and the test server.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } serverLimit)
        {
            serverLimit.MaxRequestBodySize = limit;
        }

        context.Request.Body = new LimitedReadStream(context.Request.Body, limit);
        await next(context);
    });

    /// <summary>The problem body through the one writer, which adds the code of the status (or <paramref name="code"/>).</summary>
    internal static async Task WriteProblemAsync(HttpContext context, int status, string detail, string? code = null)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Detail = detail };
        if (code is not null)
        {
            problem.Extensions["code"] = code;
            problem.Type = Http.ProblemResults.TypeOf(code);
        }

        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = problem,
        });
    }

    private static bool IsUtf8(string contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            // Not a media type at all: the endpoint answers 415 for a body it cannot read.
            return true;
        }

        if (!parsed.Charset.HasValue)
        {
            return parsed.Parameters.All(p => !p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase));
        }

        var charset = HeaderUtilities.RemoveQuotes(parsed.Charset).ToString();
        return Utf8Charsets.Contains(charset, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Reads through to the request body and throws the framework's 413 once more than the limit arrived.</summary>
    private sealed class LimitedReadStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            _read += read;
            return _read > limit
                ? throw new BadHttpRequestException($"The request body may be at most {limit} bytes.", StatusCodes.Status413PayloadTooLarge)
                : read;
        }
    }
}
