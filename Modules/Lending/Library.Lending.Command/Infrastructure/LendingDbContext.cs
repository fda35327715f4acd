using Library.BuildingBlocks.Contracts;
using Library.BuildingBlocks.Persistence;
using Library.BuildingBlocks.Results;
using Library.Lending.Command.Domain;
using Microsoft.EntityFrameworkCore;

namespace Library.Lending.Command.Infrastructure;

internal sealed class LendingDbContext(DbContextOptions<LendingDbContext> options) : DbContext(options), ICommandDbContext
{
    public const string Schema = "lending";
    public const string BookPrimaryKey = "pk_books";
    public const string BarcodeUniqueIndex = "ux_copies_barcode";
    public const string OpenLoanPerCopyIndex = "ux_loans_open_copy";
    public const string LoanNumberCounters = "lending.loan_number_counters";
    public const string CategoryPrimaryKey = "pk_reader_categories";
    public const string LiveHoldPerReaderAndTitleIndex = "ux_holds_live_reader_title";
    public const string ReadyHoldPerCopyIndex = "ux_holds_ready_copy";

    public DbSet<Book> Books => Set<Book>();

    public DbSet<Copy> Copies => Set<Copy>();

    public DbSet<Loan> Loans => Set<Loan>();

    public DbSet<ReaderEligibility> Readers => Set<ReaderEligibility>();

    public DbSet<LendingPolicy> Policies => Set<LendingPolicy>();

    public DbSet<LibraryCalendar> Calendars => Set<LibraryCalendar>();

    public DbSet<ClosedDay> ClosedDays => Set<ClosedDay>();

    public DbSet<ReaderCategory> Categories => Set<ReaderCategory>();

    public DbSet<Hold> Holds => Set<Hold>();

    public Error? TranslateUniqueViolation(string constraintName) => constraintName switch
    {
        BookPrimaryKey => Error.Conflict("book.exists", "A book with this ISBN is already in the catalogue."),
        BarcodeUniqueIndex => Error.Conflict("copy.barcode_taken", "Another copy already has this barcode."),

        // The last line of defence behind the copy's row lock: a copy is never on two open loans.
        OpenLoanPerCopyIndex => Error.Conflict("copy.not_available", "The copy is already on loan."),

        // Two admins creating one new category at once: there was no row to lock, so the key decides.
        // The loser is answered as if it had come a moment later: the category exists, no If-Match, 428.
        CategoryPrimaryKey => LendingErrors.CategoryCreatedConcurrently(),

        // Behind the reader's lock, which placements of one reader take first: two tabs placing the same hold.
        LiveHoldPerReaderAndTitleIndex => Error.Conflict("hold.already_held", "The reader already holds this title."),
        _ => null,
    };

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);

        modelBuilder.Entity<Book>(book =>
        {
            book.ToTable("books");
            book.HasKey(b => b.Isbn).HasName(BookPrimaryKey);
            book.Property(b => b.Isbn).HasMaxLength(13);
            book.Property(b => b.Title).HasMaxLength(Book.TitleMaxLength);
            book.Property(b => b.Authors).HasColumnType("text[]");
            book.Property(b => b.Genre).HasMaxLength(Book.GenreMaxLength);
            book.Property(b => b.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<Copy>(copy =>
        {
            copy.ToTable("copies");
            copy.HasKey(c => c.Id);
            copy.Property(c => c.Isbn).HasMaxLength(13);
            copy.HasOne<Book>().WithMany().HasForeignKey(c => c.Isbn);
            copy.Property(c => c.Barcode).HasMaxLength(Copy.BarcodeMaxLength);
            copy.HasIndex(c => c.Barcode).IsUnique().HasDatabaseName(BarcodeUniqueIndex);
            copy.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
            copy.Property(c => c.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<Loan>(loan =>
        {
            loan.ToTable("loans");
            loan.HasKey(l => l.Id);
            loan.Property(l => l.LoanNumber).HasMaxLength(20);
            loan.HasIndex(l => l.LoanNumber).IsUnique();
            loan.HasIndex(l => new { l.ReaderId, l.Status });
            loan.HasOne<Copy>().WithMany().HasForeignKey(l => l.CopyId);
            loan.HasIndex(l => l.CopyId).IsUnique().HasFilter("status = 'Active'").HasDatabaseName(OpenLoanPerCopyIndex);
            loan.Property(l => l.Isbn).HasMaxLength(13);
            loan.Property(l => l.Title).HasMaxLength(Book.TitleMaxLength);
            loan.Property(l => l.Barcode).HasMaxLength(Copy.BarcodeMaxLength);
            loan.Property(l => l.ReturnComment).HasMaxLength(Loan.ReturnCommentMaxLength);
            loan.Property(l => l.Status).HasConversion<string>().HasMaxLength(16);
            loan.Property(l => l.Currency).HasMaxLength(3);
            loan.Property(l => l.Version).IsConcurrencyToken();
            loan.ComplexProperty(l => l.CheckedOutBy).MapActor("checked_out_by");
            loan.ComplexProperty(l => l.ReturnedBy).MapActor("returned_by");
            loan.ComplexProperty(l => l.LostDeclaredBy).MapActor("lost_declared_by");
            loan.OwnsOne(l => l.Fine, fine =>
            {
                fine.Property(f => f.FineId).HasColumnName("fine_id");
                fine.HasIndex(f => f.FineId).IsUnique();
                fine.Property(f => f.LateFeeCents).HasColumnName("fine_late_fee_cents");
                fine.Property(f => f.LostFeeCents).HasColumnName("fine_lost_fee_cents");
                fine.Property(f => f.PaidCents).HasColumnName("fine_paid_cents");
                fine.Property(f => f.WaivedCents).HasColumnName("fine_waived_cents");
                fine.Property(f => f.WaiverReason).HasColumnName("fine_waiver_reason").HasMaxLength(Loan.WaiverReasonMaxLength);
                fine.Property(f => f.AssessedAt).HasColumnName("fine_assessed_at");
                fine.Property(f => f.WaivedAt).HasColumnName("fine_waived_at");
                fine.Ignore(f => f.WaivedBy);
                fine.Property(f => f.WaivedBySubject).HasColumnName("fine_waived_by_subject").HasMaxLength(Actor.SubjectMaxLength);
                fine.Property(f => f.WaivedByRole).HasColumnName("fine_waived_by_role").HasMaxLength(Actor.RoleMaxLength);
                fine.OwnsMany(f => f.Payments, payment =>
                {
                    payment.ToTable("fine_payments");
                    payment.WithOwner().HasForeignKey("loan_id");
                    payment.Property<int>("id");
                    payment.HasKey("id");
                    payment.Ignore(p => p.PaidBy);
                    payment.Property(p => p.PaidBySubject).HasMaxLength(Actor.SubjectMaxLength);
                    payment.Property(p => p.PaidByRole).HasMaxLength(Actor.RoleMaxLength);
                });
                fine.Navigation(f => f.Payments).HasField("_payments").UsePropertyAccessMode(PropertyAccessMode.Field);
            });
            loan.Navigation(l => l.Fine).IsRequired(false);
        });

        modelBuilder.Entity<Hold>(hold =>
        {
            hold.ToTable("holds");
            hold.HasKey(h => h.Id);

            // Identity, not a client-drawn number: the database hands out the queue order at insert.
            hold.Property(h => h.QueueNumber).UseIdentityAlwaysColumn();
            hold.HasIndex(h => h.QueueNumber).IsUnique();
            hold.Property(h => h.ReaderNumber).HasMaxLength(20);
            hold.Property(h => h.Isbn).HasMaxLength(13);
            hold.HasOne<Book>().WithMany().HasForeignKey(h => h.Isbn);
            hold.Property(h => h.Title).HasMaxLength(Book.TitleMaxLength);
            hold.Property(h => h.Barcode).HasMaxLength(Copy.BarcodeMaxLength);
            hold.Property(h => h.Status).HasConversion<string>().HasMaxLength(16);
            hold.Property(h => h.Version).IsConcurrencyToken();
            hold.ComplexProperty(h => h.PlacedBy).MapActor("placed_by");
            hold.ComplexProperty(h => h.ClosedBy).MapActor("closed_by");

            // The title's queue in order: the next waiting hold is the first row of this index.
            hold.HasIndex(h => new { h.Isbn, h.QueueNumber }).HasFilter("status = 'Waiting'").HasDatabaseName("ix_holds_waiting_queue");
            hold.HasIndex(h => new { h.ReaderId, h.Status });

            // The invariants, in the database whatever the code does: one live hold per reader and title, one
            // ready hold per copy (a copy is on the hold shelf for one reader at a time).
            hold.HasIndex(h => new { h.ReaderId, h.Isbn }).IsUnique().HasFilter("status IN ('Waiting', 'Ready')").HasDatabaseName(LiveHoldPerReaderAndTitleIndex);
            hold.HasIndex(h => h.CopyId).IsUnique().HasFilter("status = 'Ready'").HasDatabaseName(ReadyHoldPerCopyIndex);

            // The expiry sweep's question: ready holds past their pickup date.
            hold.HasIndex(h => h.PickupBy).HasFilter("status = 'Ready'").HasDatabaseName("ix_holds_ready_pickup");
            hold.ToTable(t => t.HasCheckConstraint("ck_holds_ready_has_copy", "status <> 'Ready' OR (copy_id IS NOT NULL AND pickup_by IS NOT NULL)"));
        });

        modelBuilder.Entity<LoanNumberCounter>(counter =>
        {
            counter.ToTable("loan_number_counters");
            counter.HasKey(c => c.Year);
            counter.Property(c => c.Year).ValueGeneratedNever();
        });

        modelBuilder.Entity<ReaderEligibility>(reader =>
        {
            reader.ToTable("reader_eligibility");
            reader.HasKey(r => r.ReaderId);
            reader.Property(r => r.ReaderNumber).HasMaxLength(20);
            reader.Property(r => r.Name).HasMaxLength(150);
            reader.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
            reader.Property(r => r.ErasureRefusalCode).HasMaxLength(64);

            // Replica rows from before categories are adult readers until their next reader event says otherwise.
            reader.Property(r => r.Category).HasMaxLength(ReaderCategory.CodeMaxLength).HasDefaultValue(ReaderCategory.DefaultCode);
            reader.Property(r => r.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<LibraryCalendar>(calendar =>
        {
            calendar.ToTable("calendar");
            calendar.HasKey(c => c.Id);
            calendar.Property(c => c.Id).ValueGeneratedNever();
            calendar.Property(c => c.Version).IsConcurrencyToken();
            calendar.HasMany(c => c.Days).WithOne().HasForeignKey("CalendarId").IsRequired();
            calendar.Navigation(c => c.Days).HasField("_closedDays").UsePropertyAccessMode(PropertyAccessMode.Field);
            calendar.HasData(new { Id = LibraryCalendar.SingletonId, Version = 0L, UpdatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) });
        });

        // The date is the key: the database holds at most one closure per day, whatever races.
        modelBuilder.Entity<ClosedDay>(day =>
        {
            day.ToTable("closed_days");
            day.HasKey(d => d.Date);
            day.Property(d => d.Date).ValueGeneratedNever();
            day.Property(d => d.Reason).HasMaxLength(LibraryCalendar.ReasonMaxLength);
            day.ComplexProperty(d => d.ChangedBy).MapActor("changed_by");
        });

        // The code is the key; the seeds (adult, child, staff) are inserted by the ReaderCategories migration.
        modelBuilder.Entity<ReaderCategory>(category =>
        {
            category.ToTable("reader_categories");
            category.HasKey(c => c.Code).HasName(CategoryPrimaryKey);
            category.Property(c => c.Code).HasMaxLength(ReaderCategory.CodeMaxLength).ValueGeneratedNever();
            category.Property(c => c.Version).IsConcurrencyToken();
            category.ComplexProperty(c => c.ChangedBy).MapActor("changed_by");
        });

        modelBuilder.Entity<LendingPolicy>(policy =>
        {
            policy.ToTable("lending_policy");
            policy.HasKey(p => p.Id);
            policy.Property(p => p.Id).ValueGeneratedNever();
            policy.Property(p => p.Currency).HasMaxLength(3);
            policy.Property(p => p.Version).IsConcurrencyToken();
            var defaults = Contracts.LendingPolicySnapshot.Defaults;
            policy.HasData(new
            {
                Id = LendingPolicy.SingletonId,
                defaults.LoanPeriodDays,
                defaults.MaxActiveLoans,
                defaults.MaxRenewals,
                defaults.FinePerDayCents,
                defaults.MaxFinePerLoanCents,
                defaults.LostItemFeeCents,
                defaults.MaxFinesOwedCents,
                defaults.Currency,
                defaults.HoldPickupDays,
                defaults.MaxHolds,
                UpdatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
                Version = 1L,
            });
        });
    }
}

/// <summary>The last loan number handed out in a year.</summary>
internal sealed class LoanNumberCounter
{
    public int Year { get; set; }

    public int LastNumber { get; set; }
}
