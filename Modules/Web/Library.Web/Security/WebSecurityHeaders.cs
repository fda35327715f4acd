namespace Library.Web.Security;

internal static class WebSecurityHeaders
{
    /// <summary>
    /// The pages' policy. <c>style-src 'unsafe-inline'</c> only for <c>style</c> attributes (the chart bars' widths);
    /// with <c>script-src 'none'</c> an injected style can restyle a page but run nothing. <c>form-action 'self'</c>
    /// holds through the sign-in's redirects because every hop is on the one base URL.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
}
