using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Library.BuildingBlocks.Persistence;

/// <summary>A command module's schema, brought up to date by the host at start-up or on demand.</summary>
public interface IModuleMigrator
{
    string ModuleName { get; }

    Task MigrateAsync(CancellationToken cancellationToken);
}

internal sealed class EfModuleMigrator<TContext>(IServiceScopeFactory scopes, string moduleName) : IModuleMigrator
    where TContext : DbContext
{
    public string ModuleName => moduleName;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await db.Database.MigrateAsync(cancellationToken);
    }
}

/// <summary>A command store the host runs: which module, and the database its transactions commit to.</summary>
public sealed record CommandStoreConnection(string ModuleName, string ConnectionString);

public static class CommandStoreRegistration
{
    /// <summary>
    /// Registers a module's command DbContext on PostgreSQL with its own schema and migrations history,
    /// so several modules can share one database in the development host without touching each other.
    /// </summary>
    public static IServiceCollection AddCommandStore<TContext>(
        this IServiceCollection services,
        string moduleName,
        string connectionString,
        string schema)
        where TContext : DbContext, ICommandDbContext
    {
        services.AddDbContext<TContext>(options => options
            .UseNpgsql(connectionString, npgsql => npgsql
                .MigrationsHistoryTable("__ef_migrations_history", schema))
            .UseSnakeCaseNamingConvention());
        services.AddScoped<CommandUnitOfWork<TContext>>();
        services.AddSingleton(new CommandStoreConnection(moduleName, connectionString));
        services.AddHealthChecks().Add(new HealthCheckRegistration(
            "command-store:" + moduleName,
            _ => new PostgresHealthCheck(connectionString),
            HealthStatus.Unhealthy,
            ["ready"]));
        services.AddSingleton<IModuleMigrator>(sp =>
            new EfModuleMigrator<TContext>(sp.GetRequiredService<IServiceScopeFactory>(), moduleName));
        return services;
    }
}
