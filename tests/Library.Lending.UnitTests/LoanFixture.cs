using Library.BuildingBlocks.Contracts;
using Library.Lending.Command.Domain;
using Library.Lending.Contracts;
using Microsoft.Extensions.Time.Testing;

namespace Library.Lending.UnitTests;

/// <summary>A reader, a book, a copy and the default policy, on a fake clock; each test changes what it needs.</summary>
internal sealed class LoanFixture
{
    /// <summary>The librarian every change in these tests is made by.</summary>
    public static readonly Actor Desk = new("librarian-1", "librarian");

    public LoanFixture(DateTimeOffset start)
    {
        Clock = new FakeTimeProvider(start);
        Policy = LendingPolicy.Default(start);
        Book = Book.Add("9780134685991", "The Pragmatic Programmer", ["David Thomas", "Andrew Hunt"], "Software", start);
        Copy = Copy.Add(Guid.NewGuid(), Book.Isbn, "PP-1", start);
        Reader = new ReaderEligibility { ReaderId = Guid.NewGuid(), Version = 1, ReaderNumber = "2026/1", Name = "Ada", Status = ReaderEligibilityStatus.Active };
    }

    public FakeTimeProvider Clock { get; }

    public LendingPolicy Policy { get; }

    public Book Book { get; }

    public Copy Copy { get; }

    public ReaderEligibility Reader { get; }

    /// <summary>The closed days a checkout of this fixture moves its due date past; none unless a test sets them.</summary>
    public ClosedDays Calendar { get; set; } = ClosedDays.None;

    public DateTimeOffset Now => Clock.GetUtcNow();

    public static ReaderStanding Clean { get; } = new(0, 0, 0);

    /// <summary>The terms a checkout gets: the category's where set (<see cref="Category"/>), the policy's otherwise.</summary>
    public LoanTerms Terms => LoanTerms.Effective(Policy, Category);

    /// <summary>The reader's category; none (the policy throughout) unless a test sets one.</summary>
    public ReaderCategory? Category { get; set; }

    public Loan CheckOut(DateTimeOffset? at = null, ReaderStanding? standing = null)
    {
        var result = Loan.CheckOut(Guid.NewGuid(), "2026/1", Reader, standing ?? Clean, Book.Title, Copy, Policy, Terms, null, Calendar, Desk, at ?? Now);
        Assert.True(result.IsSuccess, result.Error?.Code);
        return result.Value;
    }

    /// <summary>Sets a policy value the way PUT /api/lending-policy would, through the aggregate.</summary>
    public void ChangePolicy(Func<Contracts.LendingPolicySnapshot, Contracts.LendingPolicySnapshot> change) =>
        Policy.Change(change(Policy.ToSnapshot()), Now);
}
