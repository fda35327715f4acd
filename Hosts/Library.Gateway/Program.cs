using Library.BuildingBlocks.Hosting;
using Library.Gateway;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.AddLibraryHost("gateway");
builder.Services.AddReverseProxy().LoadFromMemory(GatewayRoutes.Routes, GatewayRoutes.Clusters(builder.Configuration));
builder.Services.AddHttpClient(nameof(ServiceReadinessCheck));
foreach (var service in GatewayRoutes.Services)
{
    var address = GatewayRoutes.AddressOf(builder.Configuration, service);
    builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
        service,
        provider => new ServiceReadinessCheck(provider.GetRequiredService<IHttpClientFactory>(), service, address),
        HealthStatus.Unhealthy,
        ["ready"]));
}

var app = builder.Build();
app.UseLibraryHost(apiPage =>
{
    foreach (var service in GatewayRoutes.ApiServices)
    {
        apiPage.AddDocument(service, $"Library — {service}", GatewayRoutes.OpenApiPathOf(service), isDefault: service == GatewayRoutes.ReaderCommand);
    }
});
app.MapReverseProxy(proxy => proxy.Use(async (context, next) =>
{
    await next();
    if (context.GetForwarderErrorFeature() is { } failure && !context.Response.HasStarted)
    {
        await GatewayProblems.WriteUnavailableAsync(context, failure);
    }
}));
await app.RunAsync();
