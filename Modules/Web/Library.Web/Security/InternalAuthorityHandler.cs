namespace Library.Web.Security;

/// <summary>
/// Sends the server's own requests for the public authority to its internal address instead (see
/// <see cref="WebOptions.InternalAuthority"/>), keeping the path and query; the issuer the tokens carry stays public.
/// </summary>
internal sealed class InternalAuthorityHandler(Uri publicAuthority, Uri internalAuthority) : DelegatingHandler
{
    private readonly string _public = publicAuthority.GetLeftPart(UriPartial.Authority);
    private readonly string _internal = internalAuthority.GetLeftPart(UriPartial.Authority);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && uri.GetLeftPart(UriPartial.Authority) == _public)
        {
            request.RequestUri = new Uri(_internal + uri.PathAndQuery);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
