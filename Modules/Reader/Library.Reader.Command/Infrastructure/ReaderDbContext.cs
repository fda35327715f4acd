using Library.BuildingBlocks.Persistence;
using Library.BuildingBlocks.Results;
using Library.Reader.Command.Domain;
using Microsoft.EntityFrameworkCore;

namespace Library.Reader.Command.Infrastructure;

internal sealed class ReaderDbContext(DbContextOptions<ReaderDbContext> options) : DbContext(options), ICommandDbContext
{
    public const string Schema = "reader";
    public const string EmailUniqueIndex = "ux_readers_email_normalized";
    public const string NumberUniqueIndex = "ux_readers_reader_number";

    public DbSet<Domain.Reader> Readers => Set<Domain.Reader>();

    public DbSet<ReaderNumberCounter> ReaderNumberCounters => Set<ReaderNumberCounter>();

    public DbSet<LendingObligation> LendingObligations => Set<LendingObligation>();

    public Error? TranslateUniqueViolation(string constraintName) => constraintName switch
    {
        EmailUniqueIndex => ReaderErrors.EmailTaken(),
        _ => null,
    };

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);

        modelBuilder.Entity<Domain.Reader>(reader =>
        {
            reader.ToTable("readers");
            reader.HasKey(r => r.Id);
            reader.Property(r => r.ReaderNumber).HasMaxLength(20);
            reader.HasIndex(r => r.ReaderNumber).IsUnique().HasDatabaseName(NumberUniqueIndex);
            reader.Property(r => r.Name).HasMaxLength(ReaderRules.NameMaxLength);
            reader.Property(r => r.Email).HasMaxLength(ReaderRules.EmailMaxLength);
            reader.Property(r => r.EmailNormalized).HasMaxLength(ReaderRules.EmailMaxLength);
            reader.HasIndex(r => r.EmailNormalized).IsUnique().HasDatabaseName(EmailUniqueIndex);
            reader.Property(r => r.PhoneNumber).HasMaxLength(16);
            reader.Property(r => r.Interests).HasColumnType("text[]");
            reader.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);

            // Rows from before categories are adult readers (spec section 6: the default category).
            reader.Property(r => r.Category).HasMaxLength(ReaderRules.CategoryMaxLength).HasDefaultValue(ReaderRules.DefaultCategory);
            reader.Property(r => r.SuspensionReason).HasMaxLength(ReaderRules.SuspensionReasonMaxLength);
            reader.Property(r => r.Erasure).HasConversion<string>().HasMaxLength(16).HasDefaultValue(ErasureStatus.None).HasSentinel(ErasureStatus.None);
            reader.Property(r => r.ErasureRefusalCode).HasMaxLength(64);
            reader.ComplexProperty(r => r.SuspendedBy).MapActor("suspended_by");
            reader.ComplexProperty(r => r.ErasureRequestedBy).MapActor("erasure_requested_by");
            reader.Property(r => r.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<ReaderNumberCounter>(counter =>
        {
            counter.ToTable("reader_number_counters");
            counter.HasKey(c => c.Year);
            counter.Property(c => c.Year).ValueGeneratedNever();
        });

        modelBuilder.Entity<LendingObligation>(obligation =>
        {
            obligation.ToTable("lending_obligations");
            obligation.HasKey(o => o.SourceId);
            obligation.HasIndex(o => o.ReaderId);
            obligation.Property(o => o.Version).IsConcurrencyToken();
        });
    }
}

/// <summary>The last reader number handed out in a year; numbers restart at 1 each year and are never reused.</summary>
internal sealed class ReaderNumberCounter
{
    public int Year { get; set; }

    public int LastNumber { get; set; }
}

/// <summary>
/// The Reader service's replica of what a reader still owes the lending side, one row per loan or
/// fine, keyed by its id and kept at its latest version, so erasure can be refused without asking
/// the Lending service. Fed by lending integration events.
/// </summary>
internal sealed class LendingObligation
{
    public Guid SourceId { get; set; }

    public Guid ReaderId { get; set; }

    public long Version { get; set; }

    public bool IsOpenLoan { get; set; }

    public long OwedCents { get; set; }
}
