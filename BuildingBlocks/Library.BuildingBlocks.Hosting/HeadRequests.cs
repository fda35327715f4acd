using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Library.BuildingBlocks.Hosting;

/// <summary>
/// Every GET route answers HEAD (RFC 9110 §9.3.2): the request runs as the GET it stands for, the body
/// is counted and dropped, and the response carries the GET's headers with its Content-Length. One
/// place instead of a HEAD mapping per route (which were all missing: HEAD answered 405).
/// </summary>
internal static class HeadRequests
{
    /// <summary>Must run before routing, which picks the endpoint by method.</summary>
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }

        var serverBody = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        using var counter = new CountingStream();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(counter, serverBody));
        context.Request.Method = HttpMethods.Get;
        try
        {
            await next(context);
        }
        finally
        {
            // Restored before the server starts the response, so it sends headers only, as for any HEAD.
            context.Request.Method = HttpMethods.Head;
            context.Features.Set(serverBody);
        }

        if (!context.Response.HasStarted && context.Response.ContentLength is null)
        {
            context.Response.ContentLength = counter.Length;
        }
    });

    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            _length += count;
            return Task.CompletedTask;
        }
    }
}
