using System.Text.Json;
using System.Text.Json.Serialization;
using Library.BuildingBlocks.Contracts;
using Library.Reader.Command.Domain;
using Library.Reader.Contracts;
using ReaderAggregate = Library.Reader.Command.Domain.Reader;

namespace Library.Reader.UnitTests;

/// <summary>The reader's category code (spec section 6; ADR 0029): default adult, a code's shape only, staff change it.</summary>
public sealed class ReaderCategoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private static ReaderDetails Details(string category = ReaderRules.DefaultCategory) =>
        new("Ada Lovelace", "ada@example.org", null, new DateOnly(1990, 1, 1), true, false, false, [], category);

    [Fact]
    public void A_reader_is_adult_unless_registered_in_another_category()
    {
        Assert.Equal("adult", ReaderAggregate.Register(Guid.NewGuid(), "2026/1", Details(), Now).Value.Category);
        Assert.Equal("child", ReaderAggregate.Register(Guid.NewGuid(), "2026/2", Details("child"), Now).Value.Category);

        // Any well-formed code: the Reader service does not know which categories the Lending service defines.
        Assert.Equal("night-owls", ReaderAggregate.Register(Guid.NewGuid(), "2026/3", Details("night-owls"), Now).Value.Category);
    }

    [Theory]
    [InlineData("Child")]
    [InlineData("")]
    [InlineData("child\n")]
    [InlineData("kind er")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")]
    public void A_category_that_is_not_a_code_is_refused_with_its_field(string category)
    {
        var error = ReaderAggregate.Register(Guid.NewGuid(), "2026/1", Details(category), Now).Error!;
        Assert.Equal("reader.invalid_category", error.Code);
        Assert.Equal(["category"], error.FieldErrors!.Keys);

        var reader = ReaderAggregate.Register(Guid.NewGuid(), "2026/1", Details(), Now).Value;
        Assert.Equal("reader.invalid_category", reader.ChangeCategory(category, Now).Error!.Code);
        Assert.Equal(1, reader.Version);
    }

    [Fact]
    public void A_change_of_category_is_a_new_version_and_the_same_one_again_is_not()
    {
        var reader = ReaderAggregate.Register(Guid.NewGuid(), "2026/1", Details(), Now).Value;

        Assert.True(reader.ChangeCategory("staff", Now.AddMinutes(1)).Value);
        Assert.Equal(("staff", 2L), (reader.Category, reader.Version));
        Assert.False(reader.ChangeCategory("staff", Now.AddMinutes(2)).Value);
        Assert.Equal(2, reader.Version);
    }

    [Fact]
    public void An_erased_reader_cannot_change_category()
    {
        var reader = ReaderAggregate.Register(Guid.NewGuid(), "2026/1", Details(), Now).Value;
        var request = Guid.NewGuid();
        reader.RequestErasure(new LendingStanding(0, 0), request, Actor.Anonymous, Now);
        reader.CompleteErasure(request, Now);

        Assert.Equal("reader.erased", reader.ChangeCategory("child", Now).Error!.Code);
    }

    [Fact]
    public void A_snapshot_stored_before_categories_existed_reads_as_an_adult_readers()
    {
        // As CAP's serializer is set up (MessagingRegistration): camelCase, enums as strings.
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        const string before = """
            {"readerNumber":"2026/1","name":"Ada","email":"ada@example.org","phoneNumber":null,"birthDate":"1990-01-01",
             "gdprConsent":true,"marketingConsent":false,"thirdPartySharingConsent":false,"interests":[],"status":"active",
             "suspensionReason":null,"registeredAt":"2026-06-15T12:00:00+00:00","erasure":null,"suspendedBy":null}
            """;

        var snapshot = JsonSerializer.Deserialize<ReaderSnapshot>(before, options)!;
        Assert.Equal("adult", snapshot.Category);
        Assert.Equal("Ada", snapshot.Name);

        var child = snapshot with { Category = "child" };
        Assert.Equal("child", JsonSerializer.Deserialize<ReaderSnapshot>(JsonSerializer.Serialize(child, options), options)!.Category);
    }
}
