using System.Text.Json;
using System.Text.Json.Serialization;
using Library.BuildingBlocks.Hosting.Security;
using Library.BuildingBlocks.Http;
using Library.BuildingBlocks.Persistence;
using Library.BuildingBlocks.Results;
using Library.BuildingBlocks.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;
using ILogger = Microsoft.Extensions.Logging.ILogger;

namespace Library.BuildingBlocks.Hosting;

/// <summary>What every Library host has in common, so each host's Program is a few lines of modules.</summary>
public static partial class LibraryHostExtensions
{
    /// <summary>The configuration key holding the service's name, for building blocks that label what they open.</summary>
    public const string ServiceNameKey = "Service:Name";

    public static WebApplicationBuilder AddLibraryHost(this WebApplicationBuilder builder, string serviceName)
    {
        // The lowest-priority source: the host's code names the service once, configuration may still override.
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = [new(ServiceNameKey, serviceName)],
        });
        var jsonLogs = builder.Configuration.GetValue("Observability:JsonLogs", false);
        builder.Services.AddSerilog((services, logger) =>
        {
            logger
                .MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore.Database.Command", LogEventLevel.Fatal)
                .MinimumLevel.Override("DotNetCore.CAP", LogEventLevel.Warning)
                .MinimumLevel.Override("Yarp", LogEventLevel.Warning)
                .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
                .ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services) // sinks registered as services too (a test reads every line that was logged)
                .Enrich.FromLogContext()
                .Enrich.WithProperty("service", serviceName);

            // One JSON object per line, with the trace and span ids (@tr, @sp), for a log pipeline to index.
            _ = jsonLogs
                ? logger.WriteTo.Console(new RenderedCompactJsonFormatter())
                : logger.WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        });

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing =>
            {
                tracing
                    .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                    .AddHttpClientInstrumentation()
                    .AddSource(OutboxTracing.SourceName);

                // Exported only where a collector is configured (the standard OTEL_EXPORTER_OTLP_ENDPOINT).
                if (builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 })
                {
                    tracing.AddOtlpExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                // ASP.NET Core's and HttpClient's own meters, the runtime's (GC, thread pool, CPU),
                // Npgsql's (connections, command duration) and ours: the consumers' lag and the
                // outbox's backlog (Library.Messaging), the read store's operations (Library.ReadStore).
                metrics
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddMeter("System.Runtime", "Npgsql", "Library.Messaging", "Library.ReadStore");
                if (builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 })
                {
                    metrics.AddOtlpExporter();
                }
            });

        // Cross-origin calls only from the configured front end(s) (Cors:AllowedOrigins); none by default,
        // so a page on any other site cannot use a signed-in browser's token against the API.
        var origins = builder.Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins(origins)
            .WithMethods("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
            .WithHeaders("Authorization", "Content-Type", "If-Match")
            .WithExposedHeaders("ETag", "Location", "Retry-After")));
        builder.Services.AddSingleton(TimeProvider.System);
        var limits = builder.Configuration.GetSection(RequestLimitsOptions.SectionName).Get<RequestLimitsOptions>() ?? new RequestLimitsOptions();
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(limits));
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
        {
            RequestLimits.ConfigureKestrelCeilings(kestrel, limits);
            kestrel.AddServerHeader = false; // the server's name and version help only an attacker
        });
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(options => ConfigureJson(options.SerializerOptions));
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToString()
                ?? context.HttpContext.TraceIdentifier;
            if (!context.ProblemDetails.Extensions.ContainsKey("code"))
            {
                var code = ProblemResults.CodeOfStatus(context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode);
                context.ProblemDetails.Extensions["code"] = code;
                context.ProblemDetails.Type = ProblemResults.TypeOf(code);
            }
        });
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = $"Library — {serviceName}";
            document.Info.Description = "Circulation platform for public libraries. Errors are RFC 9457 problem details with a stable `code`.";
            return Task.CompletedTask;
        }));
        builder.Services.AddHealthChecks();
        builder.Services.AddAntiforgery(options => options.Cookie.Name = "library.antiforgery");
        builder.Services.AddWriteAdmission(builder.Configuration);
        builder.Services.AddCallerWriteLimit(builder.Configuration);
        builder.Services.AddTrustedProxies(builder.Configuration);
        builder.Services.AddLibraryAuthentication(builder.Configuration);
        return builder;
    }

    private const string OpenApiDocumentName = "v1";

    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.NumberHandling = JsonNumberHandling.Strict;
    }

    /// <param name="app">The host.</param>
    /// <param name="configureApiPage">Adds to the interactive API page, e.g. the gateway's documents of every service.</param>
    public static WebApplication UseLibraryHost(this WebApplication app, Action<ScalarOptions>? configureApiPage = null)
    {
        // First, so everything after it (the token endpoint's limit above all) sees the client's address.
        app.UseTrustedProxies();

        // Request logging wraps the exception handler so it records the status the client really got.
        app.UseSerilogRequestLogging();

        // On every response, errors included: no sniffing a problem body into HTML, no framing, no
        // referrer carrying ids in URLs to another site; HSTS where TLS is terminated for us (not in
        // Development, which runs on plain HTTP on a laptop).
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            return next(context);
        });
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        // Outside the error handling, so a HEAD's problem body is counted and dropped like any other.
        app.UseHeadAsGet();
        app.UseExceptionHandler();

        // Every 4xx/5xx without a body (unknown route, wrong method, a body the framework refused) gets
        // the problem shape, with its code from ProblemResults.CodeOfStatus.
        app.UseStatusCodePages();
        app.UseRequestShapeLimits();

        // Explicit, so that HEAD was already turned into GET when the endpoint is chosen, and so that
        // the body limit can read the chosen route's own limit.
        app.UseRouting();
        app.UseBodyLimit();
        app.UseRateLimiter();

        // After the rate limiter, so the token endpoint (answered by the Identity service's server inside
        // authentication) is limited; routes authenticate only where a policy asks (LibraryPolicies).
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseCallerWriteLimit();

        // Public by the spec's route table: the API description, its page and the probes (status only).
        // Only the documents this host has: any other name is an unknown route, a 404 problem, where the
        // OpenAPI endpoint answered an empty 404 of its own.
        app.MapOpenApi("/openapi/{documentName:regex(^" + OpenApiDocumentName + "$)}.json").RequirePolicy(LibraryPolicies.Anonymous);
        app.MapScalarApiReference("/api-docs", options =>
        {
            options.WithTitle("Library API");
            configureApiPage?.Invoke(options);
        }).RequirePolicy(LibraryPolicies.Anonymous);
        // Order 1: where the web front end runs in this host, its start page (order 0) answers "/" instead.
        app.MapGet("/", () => TypedResults.Redirect("/api-docs")).ExcludeFromDescription().RequirePolicy(LibraryPolicies.Anonymous).WithOrder(1);

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteHealthReport })
            .RequirePolicy(LibraryPolicies.Anonymous);
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = WriteHealthReport,
        }).RequirePolicy(LibraryPolicies.Anonymous);
        return app;
    }

    /// <summary>
    /// Applies every command module's migrations first when <c>Database:MigrateOnStartup</c> is true
    /// (development), or only migrates and exits when started with the <c>migrate</c> argument
    /// (the documented production step), then runs the host.
    /// </summary>
    public static async Task RunLibraryHostAsync(this WebApplication app, string[] args)
    {
        var migrateOnly = args.Contains("migrate", StringComparer.OrdinalIgnoreCase);
        if (migrateOnly || app.Configuration.GetValue("Database:MigrateOnStartup", false))
        {
            await app.MigrateModulesAsync(app.Lifetime.ApplicationStopping);
        }

        if (!migrateOnly)
        {
            await app.RunAsync();
        }
    }

    public static async Task MigrateModulesAsync(this WebApplication app, CancellationToken cancellationToken)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Library.Migrations");
        foreach (var migrator in app.Services.GetServices<IModuleMigrator>())
        {
            await migrator.MigrateAsync(cancellationToken);
            LogMigrated(logger, migrator.ModuleName);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema of module {Module} is up to date")]
    private static partial void LogMigrated(ILogger logger, string module);

    /// <summary>
    /// Status only, for anyone who can reach the port: which check failed, never why. Connection errors
    /// named hosts, ports and users; they go to the log, which holds no personal data from a probe, and
    /// to staff, who send a valid token. Not ready is a 503 problem like every other failure.
    /// </summary>
    internal static async Task WriteHealthReport(HttpContext context, HealthReport report)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Library.Health");
        foreach (var (name, entry) in report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy))
        {
            LogCheckFailed(logger, entry.Exception, name, entry.Status, entry.Description);
        }

        // Staff (a valid staff token on this public route) also see how long each check took and why
        // one failed; anyone else sees the status only.
        var staff = context.Request.Headers.Authorization.Count > 0
            && (await context.AuthenticateAsync(Security.LibraryAuthentication.Scheme)).Principal is { } principal
            && Caller.From(principal)?.IsStaff == true;
        var checks = report.Entries.Select(e => staff
            ? (object)new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                description = e.Value.Description,
                error = e.Value.Exception?.Message,
            }
            : new { name = e.Key, status = e.Value.Status.ToString() }).ToList();
        var durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1);
        if (context.Response.StatusCode < StatusCodes.Status400BadRequest)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsJsonAsync(new { status = report.Status.ToString(), durationMs, checks });
            return;
        }

        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = context.Response.StatusCode,
                Title = "The service is not ready.",
                Type = ProblemResults.TypeOf(CommonErrors.NotReadyCode),
                Extensions = { ["code"] = CommonErrors.NotReadyCode, ["health"] = report.Status.ToString(), ["checks"] = checks },
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health check {Check} is {Status}: {Description}")]
    private static partial void LogCheckFailed(ILogger logger, Exception? exception, string check, HealthStatus status, string? description);
}
