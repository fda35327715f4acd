using Library.BuildingBlocks.Persistence;
using Library.BuildingBlocks.Results;
using Library.Identity.Accounts;
using Library.Identity.Replicas;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;

namespace Library.Identity.Infrastructure;

/// <summary>Accounts, the replica of readers, and OpenIddict's applications, authorizations, scopes and tokens.</summary>
internal sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options) : DbContext(options), ICommandDbContext
{
    public const string Schema = "identity";
    public const string UsernameUniqueIndex = "ux_accounts_username";
    public const string ReaderUniqueIndex = "ux_accounts_reader_id";

    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<ReaderReplica> Readers => Set<ReaderReplica>();

    public Error? TranslateUniqueViolation(string constraintName) => constraintName switch
    {
        UsernameUniqueIndex => IdentityErrors.UsernameTaken(),
        _ => null,
    };

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.UseOpenIddict();

        // OpenIddict names its tables in PascalCase explicitly; the rest of the schema is snake_case.
        modelBuilder.Entity<OpenIddictEntityFrameworkCoreApplication>().ToTable("openiddict_applications");
        modelBuilder.Entity<OpenIddictEntityFrameworkCoreAuthorization>().ToTable("openiddict_authorizations");
        modelBuilder.Entity<OpenIddictEntityFrameworkCoreScope>().ToTable("openiddict_scopes");
        modelBuilder.Entity<OpenIddictEntityFrameworkCoreToken>().ToTable("openiddict_tokens");

        modelBuilder.Entity<Account>(account =>
        {
            account.ToTable("accounts");
            account.HasKey(a => a.Id);
            account.Property(a => a.Role).HasMaxLength(16);
            account.Property(a => a.Username).HasMaxLength(64);
            account.HasIndex(a => a.Username).IsUnique().HasDatabaseName(UsernameUniqueIndex);
            account.HasIndex(a => a.ReaderId).IsUnique().HasDatabaseName(ReaderUniqueIndex);
            account.Property(a => a.PasswordHash).HasMaxLength(256);
        });

        modelBuilder.Entity<ReaderReplica>(reader =>
        {
            reader.ToTable("readers");
            reader.HasKey(r => r.ReaderId);
            reader.Property(r => r.ReaderId).ValueGeneratedNever();
            reader.Property(r => r.ReaderNumber).HasMaxLength(20);
            reader.Property(r => r.EmailNormalized).HasMaxLength(254);

            // Not unique: events may arrive out of order (one reader gives up an e-mail, another takes it).
            reader.HasIndex(r => r.ReaderNumber);
            reader.HasIndex(r => r.EmailNormalized);
        });
    }
}
