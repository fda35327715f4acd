using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Library.Gateway;

/// <summary>The gateway is ready when every service behind it reports ready; each one is listed.</summary>
internal sealed class ServiceReadinessCheck(IHttpClientFactory clients, string service, Uri address) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            using var client = clients.CreateClient(nameof(ServiceReadinessCheck));
            using var response = await client.GetAsync(new Uri(address, "/health/ready"), timeout.Token);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy($"{service} at {address} is ready.")
                : HealthCheckResult.Unhealthy($"{service} at {address} answers {(int)response.StatusCode}: not ready.");
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{service} at {address} cannot be reached.", ex);
        }
    }
}
