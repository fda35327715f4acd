using Library.BuildingBlocks.Contracts;
using Library.Reader.Command.Domain;
using ReaderAggregate = Library.Reader.Command.Domain.Reader;

namespace Library.Reader.UnitTests;

public sealed class ReaderAggregateTests
{
    private static readonly Actor Librarian = new("librarian-1", "librarian");

    private static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private static ReaderDetails Details(DateOnly? birthDate = null, bool gdpr = true) => new(
        "  Ada Lovelace ", " Ada@Example.org ", "+48123456789", birthDate ?? new DateOnly(1990, 1, 1), gdpr, true, false,
        ["History", "history", " poetry ", ""]);

    private static ReaderAggregate Registered() => ReaderAggregate.Register(Guid.NewGuid(), "2026/1", Details(), Now).Value;

    [Fact]
    public void Registration_normalises_input_and_starts_at_version_one()
    {
        var reader = Registered();

        Assert.Equal("Ada Lovelace", reader.Name);
        Assert.Equal("Ada@Example.org", reader.Email);
        Assert.Equal("ada@example.org", reader.EmailNormalized);
        Assert.Equal(["History", "poetry"], reader.Interests);
        Assert.Equal(ReaderStatus.Active, reader.Status);
        Assert.Equal(1, reader.Version);
    }

    [Fact]
    public void Registration_requires_gdpr_consent() =>
        Assert.Equal("reader.gdpr_consent_required", ReaderAggregate.Register(Guid.NewGuid(), "2026/1", Details(gdpr: false), Now).Error!.Code);

    [Theory]
    [InlineData("2014-06-15", true)]
    [InlineData("2014-06-16", false)]
    [InlineData("2000-02-29", true)]
    public void Registration_requires_age_twelve_on_the_day(string birthDate, bool accepted)
    {
        var result = ReaderAggregate.Register(Guid.NewGuid(), "2026/1", Details(DateOnly.Parse(birthDate)), Now);
        Assert.Equal(accepted, result.IsSuccess);
        if (!accepted)
        {
            Assert.Equal("reader.too_young", result.Error!.Code);
        }
    }

    [Fact]
    public void Age_counts_whole_years_including_a_leap_day_birthday()
    {
        Assert.Equal(11, ReaderRules.AgeOn(new DateOnly(2012, 2, 29), new DateOnly(2024, 2, 28)));
        Assert.Equal(12, ReaderRules.AgeOn(new DateOnly(2012, 2, 29), new DateOnly(2024, 2, 29)));
        Assert.Equal(11, ReaderRules.AgeOn(new DateOnly(2014, 12, 31), new DateOnly(2026, 12, 30)));
        Assert.Equal(12, ReaderRules.AgeOn(new DateOnly(2014, 12, 31), new DateOnly(2026, 12, 31)));
    }

    [Fact]
    public void A_profile_update_reports_what_changed_and_bumps_the_version_once()
    {
        var reader = Registered();

        var changed = reader.UpdateProfile(new ProfileChanges(Name: "Ada King", PhoneNumber: "", MarketingConsent: true), Now);

        Assert.Equal(["name", "phoneNumber"], changed.Value);
        Assert.Null(reader.PhoneNumber);
        Assert.Equal(2, reader.Version);
    }

    [Fact]
    public void A_profile_update_without_changes_keeps_the_version()
    {
        var reader = Registered();

        var changed = reader.UpdateProfile(new ProfileChanges(Name: "Ada Lovelace", Email: "Ada@Example.org"), Now);

        Assert.Empty(changed.Value);
        Assert.Equal(1, reader.Version);
    }

    [Fact]
    public void Withdrawing_gdpr_consent_through_an_update_is_refused() =>
        Assert.Equal("reader.gdpr_consent_required", Registered().UpdateProfile(new ProfileChanges(GdprConsent: false), Now).Error!.Code);

    [Fact]
    public void Suspension_with_the_same_reason_changes_nothing_and_reactivation_needs_a_suspension()
    {
        var reader = Registered();
        Assert.Equal("reader.not_suspended", reader.Reactivate(Now).Error!.Code);

        Assert.True(reader.Suspend("Overdue books", Librarian, Now).Value);
        Assert.False(reader.Suspend(" Overdue books ", Librarian, Now).Value);
        Assert.True(reader.Suspend("Damaged a book", Librarian, Now).Value);
        Assert.Equal(3, reader.Version);

        Assert.True(reader.Reactivate(Now).IsSuccess);
        Assert.Equal(ReaderStatus.Active, reader.Status);
        Assert.Null(reader.SuspensionReason);
    }

    [Fact]
    public void Erasure_is_refused_at_once_when_the_replica_shows_loans_or_fines_and_otherwise_waits_for_the_lending_answer()
    {
        var reader = Registered();
        Assert.Equal("reader.has_open_loans", reader.RequestErasure(new LendingStanding(1, 0), Guid.NewGuid(), Librarian, Now).Error!.Code);
        Assert.Equal("reader.owes_fines", reader.RequestErasure(new LendingStanding(0, 50), Guid.NewGuid(), Librarian, Now).Error!.Code);
        Assert.Equal(1, reader.Version);

        var request = Guid.NewGuid();
        Assert.True(reader.RequestErasure(new LendingStanding(0, 0), request, Librarian, Now).Value);
        Assert.Equal((ErasureStatus.Pending, 2L), (reader.Erasure, reader.Version));
        Assert.Equal("Ada Lovelace", reader.Name);

        // Asking again while pending, or answering another request, changes nothing.
        Assert.False(reader.RequestErasure(new LendingStanding(0, 0), Guid.NewGuid(), Librarian, Now).Value);
        Assert.False(reader.CompleteErasure(Guid.NewGuid(), Now));
        Assert.Equal(2, reader.Version);

        Assert.True(reader.CompleteErasure(request, Now));
        Assert.False(reader.CompleteErasure(request, Now));
        Assert.Equal(ReaderAggregate.ErasedName, reader.Name);
        Assert.Null(reader.Email);
        Assert.Null(reader.EmailNormalized);
        Assert.Null(reader.PhoneNumber);
        Assert.Null(reader.BirthDate);
        Assert.Empty(reader.Interests);
        Assert.Equal("2026/1", reader.ReaderNumber);
        Assert.Equal((ReaderStatus.Erased, ErasureStatus.Completed, 3L), (reader.Status, reader.Erasure, reader.Version));
    }

    [Fact]
    public void A_refused_erasure_leaves_the_reader_as_they_were_and_a_new_request_may_follow()
    {
        var reader = Registered();
        var first = Guid.NewGuid();
        reader.RequestErasure(new LendingStanding(0, 0), first, Librarian, Now);

        Assert.True(reader.RefuseErasure(first, "reader.has_open_loans", Now));
        Assert.False(reader.CompleteErasure(first, Now));
        Assert.Equal((ReaderStatus.Active, ErasureStatus.Refused, "reader.has_open_loans"), (reader.Status, reader.Erasure, reader.ErasureRefusalCode));
        Assert.Equal("Ada Lovelace", reader.Name);

        var second = Guid.NewGuid();
        Assert.True(reader.RequestErasure(new LendingStanding(0, 0), second, Librarian, Now).Value);
        Assert.Null(reader.ErasureRefusalCode);
        Assert.True(reader.CompleteErasure(second, Now));
    }

    [Fact]
    public void An_erased_reader_cannot_change_and_erasing_again_is_a_no_op()
    {
        var reader = Registered();
        var request = Guid.NewGuid();
        reader.RequestErasure(new LendingStanding(0, 0), request, Librarian, Now);
        reader.CompleteErasure(request, Now);

        Assert.False(reader.RequestErasure(new LendingStanding(3, 100), Guid.NewGuid(), Librarian, Now).Value);
        Assert.Equal("reader.erased", reader.UpdateProfile(new ProfileChanges(Name: "X"), Now).Error!.Code);
        Assert.Equal("reader.erased", reader.Suspend("x", Librarian, Now).Error!.Code);
        Assert.Equal("reader.erased", reader.Reactivate(Now).Error!.Code);
        Assert.Equal(3, reader.Version);
    }
}
