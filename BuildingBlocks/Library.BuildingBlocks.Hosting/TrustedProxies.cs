using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Library.BuildingBlocks.Hosting;

/// <summary>Bound from <c>Proxy</c>: who may tell a service the client's address.</summary>
public sealed class TrustedProxyOptions
{
    public const string SectionName = "Proxy";

    /// <summary>Addresses of the proxies in front of this process (the gateway), e.g. <c>127.0.0.1</c>.</summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>Networks the proxies are in, in CIDR notation (the compose network, <c>172.28.0.0/16</c>).</summary>
    public string[] TrustedNetworks { get; set; } = [];

    public bool Any => TrustedProxies.Length > 0 || TrustedNetworks.Length > 0;
}

/// <summary>
/// <c>X-Forwarded-For</c>, <c>-Proto</c> and <c>-Host</c> are believed only from a configured proxy, and only its
/// last hop: behind the gateway the client address is then the caller's, so the token endpoint's
/// limit is per client and not per gateway; and the host is the one the browser used, so the URLs a service
/// sends a browser to (the Identity service's authorize endpoint in its discovery document, the front end's
/// sign-in callback) are the gateway's, not the service's own address behind it. Nothing is trusted by default, not even loopback (ASP.NET
/// Core's default), because the development host and the gateway are reached over loopback by anyone
/// on the machine, who could otherwise pick a fresh address per request and never be limited. The
/// gateway overwrites the header with the address it saw (YARP's default), so a client cannot pass one
/// through it (docs/adr/0020).
/// </summary>
internal static class TrustedProxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(TrustedProxyOptions.SectionName).Get<TrustedProxyOptions>() ?? new TrustedProxyOptions();
        services.AddSingleton(options);
        return services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            forwarded.ForwardLimit = 1;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in options.TrustedProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new InvalidOperationException($"{TrustedProxyOptions.SectionName}:TrustedProxies holds '{proxy}', which is not an IP address."));
            }

            foreach (var network in options.TrustedNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                    ? parsed
                    : throw new InvalidOperationException($"{TrustedProxyOptions.SectionName}:TrustedNetworks holds '{network}', which is not a CIDR network."));
            }
        });
    }

    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<TrustedProxyOptions>().Any ? app.UseForwardedHeaders() : app;
}
