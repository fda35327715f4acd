using Library.BuildingBlocks.ReadStore;

namespace Library.ReadStoreBenchmarks;

/// <summary>
/// The shape and size of the Lending query's <c>LoanDocument</c> (which is internal to its module): the
/// same fields, a fine with payments on some, and the same indexes, so each write maintains as many.
/// </summary>
internal sealed class BenchLoan : IReadDocument
{
    public string Id { get; set; } = "";

    public long Version { get; set; }

    public string LoanNumber { get; set; } = "";

    public string ReaderId { get; set; } = "";

    public string ReaderNumber { get; set; } = "";

    public string ReaderName { get; set; } = "";

    public long ReaderVersion { get; set; }

    public string Isbn { get; set; } = "";

    public string Title { get; set; } = "";

    public string CopyId { get; set; } = "";

    public string Barcode { get; set; } = "";

    public DateTime CheckedOutAt { get; set; }

    public DateTime DueDate { get; set; }

    public DateTime? OpenDueDate { get; set; }

    public DateTime? ReturnedAt { get; set; }

    public DateTime? LostAt { get; set; }

    public string? ReturnComment { get; set; }

    public string Status { get; set; } = "";

    public int Renewals { get; set; }

    public BenchFine? Fine { get; set; }

    public long FinePerDayCents { get; set; }

    public long MaxFinePerLoanCents { get; set; }

    public string Currency { get; set; } = "EUR";

    public BenchActor CheckedOutBy { get; set; } = new();

    public BenchActor? ReturnedBy { get; set; }

    public BenchActor? LostDeclaredBy { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>The indexes of the Lending query's <c>loans</c> collection (LendingReadStore).</summary>
    public static IReadOnlyList<ReadIndex> Indexes { get; } =
    [
        new ReadIndex(nameof(LoanNumber), unique: true),
        ReadIndex.Sorted(ReadSort.Ascending(nameof(OpenDueDate))),
        ReadIndex.Sorted(ReadSort.DescendingBy(nameof(CheckedOutAt))),
        ReadIndex.Sorted(ReadSort.DescendingBy(nameof(CheckedOutAt)), nameof(ReaderId)),
        ReadIndex.Sorted(ReadSort.DescendingBy(nameof(CheckedOutAt)), nameof(Isbn)),
        ReadIndex.Sorted(ReadSort.DescendingBy(nameof(CheckedOutAt)), nameof(Status)),
    ];

    public static BenchLoan Create(int number, int readers, DateTime now)
    {
        // Deterministic per number, so every adapter holds the same documents.
        var random = new Random(number);
        var reader = random.Next(readers);
        var checkedOut = now.AddMinutes(-random.Next(365 * 24 * 60));
        var due = checkedOut.AddDays(15);
        var roll = random.Next(100);
        var status = roll < 30 ? "active" : roll < 95 ? "returned" : "lost";
        var returned = status == "returned" ? checkedOut.AddDays(random.Next(1, 25)) : (DateTime?)null;
        var librarian = new BenchActor { Subject = "staff-" + random.Next(20), Role = "librarian" };
        var late = returned is { } r && r > due;
        return new BenchLoan
        {
            Id = IdOf(number),
            Version = 1,
            LoanNumber = $"2026/{number + 1}",
            ReaderId = ReaderIdOf(reader),
            ReaderNumber = $"2025/{reader + 1}",
            ReaderName = $"Reader Number {reader} Surname-{reader % 977}",
            ReaderVersion = 1 + random.Next(4),
            Isbn = $"978{random.Next(1_000_000_000):D10}",
            Title = $"A Book Title of Moderate Length, Volume {random.Next(5000)}",
            CopyId = Guid.NewGuid().ToString(),
            Barcode = $"BC-{number:D8}",
            CheckedOutAt = checkedOut,
            DueDate = due,
            OpenDueDate = status == "active" ? due : null,
            ReturnedAt = returned,
            LostAt = status == "lost" ? due.AddDays(3) : null,
            ReturnComment = returned is not null && random.Next(10) == 0 ? "Returned at the desk, cover bent" : null,
            Status = status,
            Renewals = random.Next(3),
            Fine = late || status == "lost"
                ? new BenchFine
                {
                    FineId = Guid.NewGuid().ToString(),
                    LateFeeCents = 250,
                    LostFeeCents = status == "lost" ? 2500 : 0,
                    AssessedCents = status == "lost" ? 2750 : 250,
                    PaidCents = 125,
                    BalanceCents = status == "lost" ? 2625 : 125,
                    AssessedAt = returned ?? due,
                    Payments = [new BenchPayment { AmountCents = 125, PaidAt = (returned ?? due).AddDays(1), PaidBy = librarian }],
                }
                : null,
            FinePerDayCents = 50,
            MaxFinePerLoanCents = 5000,
            CheckedOutBy = librarian,
            ReturnedBy = returned is null ? null : librarian,
            UpdatedAt = returned ?? checkedOut,
        };
    }

    /// <summary>
    /// Loan <paramref name="number"/> at <paramref name="version"/>, as a projection writes
    /// it: each event flips the loan between returned and active (renewed), which moves it in the status
    /// and open-due-date indexes as a real return or renewal does; the other indexed fields stay.
    /// </summary>
    public static BenchLoan Event(int number, long version, int readers, DateTime now)
    {
        var loan = Create(number, readers, now);
        loan.Version = version;
        loan.UpdatedAt = now;
        if (version % 2 == 0)
        {
            loan.Status = "returned";
            loan.OpenDueDate = null;
            loan.ReturnedAt = now;
            loan.ReturnedBy = loan.CheckedOutBy;
        }
        else
        {
            loan.Status = "active";
            loan.DueDate = loan.DueDate.AddDays(15);
            loan.OpenDueDate = loan.DueDate;
            loan.ReturnedAt = null;
            loan.ReturnedBy = null;
        }

        return loan;
    }

    public static string IdOf(int number) => new Guid(number, 0x4c6f, 0x616e, 0, 0, 0, 0, 0, 0, 0, 0).ToString();

    public static string ReaderIdOf(int reader) => new Guid(reader, 0x5265, 0x6164, 0, 0, 0, 0, 0, 0, 0, 0).ToString();
}

internal sealed class BenchActor
{
    public string Subject { get; set; } = "";

    public string Role { get; set; } = "";
}

internal sealed class BenchPayment
{
    public long AmountCents { get; set; }

    public DateTime PaidAt { get; set; }

    public BenchActor PaidBy { get; set; } = new();
}

internal sealed class BenchFine
{
    public string FineId { get; set; } = "";

    public long LateFeeCents { get; set; }

    public long LostFeeCents { get; set; }

    public long AssessedCents { get; set; }

    public long PaidCents { get; set; }

    public long WaivedCents { get; set; }

    public long BalanceCents { get; set; }

    public DateTime AssessedAt { get; set; }

    public string? WaiverReason { get; set; }

    public DateTime? WaivedAt { get; set; }

    public BenchActor? WaivedBy { get; set; }

    public List<BenchPayment> Payments { get; set; } = [];
}
