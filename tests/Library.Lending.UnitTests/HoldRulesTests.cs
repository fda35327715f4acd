using Library.BuildingBlocks.Contracts;
using Library.Lending.Command.Domain;
using Library.Lending.Contracts;

namespace Library.Lending.UnitTests;

/// <summary>The hold's rules (spec section 6) on a fake clock; the queue and its locks are the integration tests'.</summary>
public sealed class HoldRulesTests
{
    private static readonly DateTimeOffset March10 = new(2026, 3, 10, 9, 30, 0, TimeSpan.Zero);
    private static readonly HoldStanding NoHolds = new(0, false);

    [Fact]
    public void A_placed_hold_waits_then_a_trap_makes_it_ready_and_the_copy_goes_to_the_hold_shelf()
    {
        var fixture = new LoanFixture(March10);
        var hold = Place(fixture, NoHolds).Value;
        Assert.Equal((HoldStatus.Waiting, 1L, fixture.Reader.ReaderNumber), (hold.Status, hold.Version, hold.ReaderNumber));

        hold.Trap(fixture.Copy, fixture.Now, fixture.Now.AddDays(7));
        Assert.Equal((HoldStatus.Ready, fixture.Copy.Id, "PP-1", 2L), (hold.Status, hold.CopyId, hold.Barcode, hold.Version));
        Assert.Equal(CopyStatus.OnHoldShelf, fixture.Copy.Status);
        Assert.False(hold.IsUncollected(fixture.Now.AddDays(7)));
        Assert.True(hold.IsUncollected(fixture.Now.AddDays(7).AddTicks(1)));
    }

    [Theory]
    [InlineData("Suspended", 0, 0, 0, "reader.suspended")]
    [InlineData("Erased", 0, 0, 0, "reader.erased")]
    [InlineData("Active", 3, 0, 0, "reader.loan_limit_reached")]
    [InlineData("Active", 1, 1, 0, "reader.has_overdue_loans")]
    [InlineData("Active", 0, 0, 1, "reader.owes_fines")]
    public void Placement_is_refused_as_a_checkout_would_be_for_the_readers_standing(string status, int open, int overdue, long owed, string code)
    {
        var fixture = new LoanFixture(March10);
        fixture.Reader.Status = Enum.Parse<ReaderEligibilityStatus>(status);
        Assert.Equal(code, Place(fixture, NoHolds, new ReaderStanding(open, overdue, owed)).Error!.Code);
    }

    [Fact]
    public void One_live_hold_or_loan_per_title_and_the_category_or_policy_limit()
    {
        var fixture = new LoanFixture(March10);
        Assert.Equal("hold.already_held", Place(fixture, new HoldStanding(0, true)).Error!.Code);
        Assert.Equal("hold.limit_reached", Place(fixture, new HoldStanding(LendingPolicySnapshot.DefaultMaxHolds, false)).Error!.Code);
        Assert.True(Place(fixture, new HoldStanding(LendingPolicySnapshot.DefaultMaxHolds - 1, false)).IsSuccess);

        fixture.ChangePolicy(p => p with { MaxHolds = 0 });
        Assert.Equal("hold.limit_reached", Place(fixture, NoHolds).Error!.Code);
    }

    [Fact]
    public void Cancel_expire_and_fulfil_close_a_hold_once()
    {
        var fixture = new LoanFixture(March10);
        var waiting = Place(fixture, NoHolds).Value;
        Assert.True(waiting.Cancel(LoanFixture.Desk, fixture.Now).IsSuccess);
        Assert.Equal((HoldStatus.Cancelled, 2L, LoanFixture.Desk), (waiting.Status, waiting.Version, waiting.ClosedBy));
        Assert.Equal("hold.closed", waiting.Cancel(LoanFixture.Desk, fixture.Now).Error!.Code);

        var ready = Place(fixture, NoHolds).Value;
        ready.Trap(fixture.Copy, fixture.Now, fixture.Now.AddDays(7));
        ready.Expire(Actor.System("lending-command"), fixture.Now.AddDays(8));
        Assert.Equal((HoldStatus.Expired, 3L), (ready.Status, ready.Version));
        Assert.Throws<InvalidOperationException>(() => ready.Expire(LoanFixture.Desk, fixture.Now));
        Assert.Equal("hold.closed", ready.Cancel(LoanFixture.Desk, fixture.Now).Error!.Code);

        var fulfilled = Place(fixture, NoHolds).Value;
        var loanId = Guid.NewGuid();
        fulfilled.Fulfil(loanId, LoanFixture.Desk, fixture.Now);
        Assert.Equal((HoldStatus.Fulfilled, loanId), (fulfilled.Status, fulfilled.LoanId));
        Assert.Throws<InvalidOperationException>(() => fulfilled.Fulfil(loanId, LoanFixture.Desk, fixture.Now));
    }

    [Fact]
    public void A_copy_on_the_hold_shelf_goes_only_to_the_reader_it_is_trapped_for()
    {
        var fixture = new LoanFixture(March10);
        Place(fixture, NoHolds).Value.Trap(fixture.Copy, fixture.Now, fixture.Now.AddDays(7));
        var other = Guid.NewGuid();
        Assert.Equal("copy.on_hold", Loan.CheckoutRefusal(fixture.Reader, LoanFixture.Clean, fixture.Copy, fixture.Policy, fixture.Terms, other)?.Code);
        Assert.Null(Loan.CheckoutRefusal(fixture.Reader, LoanFixture.Clean, fixture.Copy, fixture.Policy, fixture.Terms, fixture.Reader.ReaderId));

        // The reader's own refusals come first: a suspended holder is told so, not that the copy is held.
        fixture.Reader.Status = ReaderEligibilityStatus.Suspended;
        Assert.Equal("reader.suspended", Loan.CheckoutRefusal(fixture.Reader, LoanFixture.Clean, fixture.Copy, fixture.Policy, fixture.Terms, other)?.Code);
    }

    private static BuildingBlocks.Results.Result<Hold> Place(LoanFixture fixture, HoldStanding holds, ReaderStanding? standing = null) =>
        Hold.Place(Guid.NewGuid(), fixture.Reader, standing ?? LoanFixture.Clean, holds, fixture.Book, fixture.Policy, fixture.Terms, LoanFixture.Desk, fixture.Now);
}
