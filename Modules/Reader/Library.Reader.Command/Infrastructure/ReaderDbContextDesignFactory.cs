using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Library.Reader.Command.Infrastructure;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting a host.</summary>
internal sealed class ReaderDbContextDesignFactory : IDesignTimeDbContextFactory<ReaderDbContext>
{
    public ReaderDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<ReaderDbContext>()
        .UseNpgsql("Host=localhost;Database=design_time_only", npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history", ReaderDbContext.Schema))
        .UseSnakeCaseNamingConvention()
        .Options);
}
