using Library.BuildingBlocks.Contracts;
using Library.BuildingBlocks.Security;
using Library.Reader.Command.Readers.Register;
using Library.Reader.Command.Readers.UpdateProfile;

namespace Library.Reader.UnitTests;

public sealed class ReaderValidatorTests
{
    private static RegisterReaderCommand Valid() =>
        new("Ada", "ada@example.org", "+48123456789", new DateOnly(1990, 1, 1), true, null, null, ["poetry"], null, Actor.Anonymous);

    [Fact]
    public void A_complete_registration_is_valid() => Assert.True(new RegisterReaderValidator().Validate(Valid()).IsValid);

    [Theory]
    [InlineData("123456789", true)]
    [InlineData("+123456789012345", true)]
    [InlineData("12345678", false)]
    [InlineData("+1234567890123456", false)]
    [InlineData("++123456789", false)]
    [InlineData("123-456-789", false)]
    [InlineData("", true)]
    public void Phone_numbers_are_9_to_15_digits_with_an_optional_plus(string phone, bool valid) =>
        Assert.Equal(valid, new RegisterReaderValidator().Validate(Valid() with { PhoneNumber = phone }).IsValid);

    [Theory]
    [InlineData(150, true)]
    [InlineData(151, false)]
    public void Names_are_at_most_150_characters(int length, bool valid) =>
        Assert.Equal(valid, new RegisterReaderValidator().Validate(Valid() with { Name = new string('a', length) }).IsValid);

    [Theory]
    [InlineData(20, true)]
    [InlineData(21, false)]
    public void At_most_twenty_interests(int count, bool valid) =>
        Assert.Equal(valid, new RegisterReaderValidator().Validate(Valid() with { Interests = [.. Enumerable.Range(0, count).Select(i => $"g{i}")] }).IsValid);

    [Fact]
    public void Update_errors_are_keyed_by_json_field_names()
    {
        var result = new UpdateReaderProfileValidator().Validate(new UpdateReaderProfileCommand(
            Guid.NewGuid(), 1, new UpdateReaderProfileRequest(new string('x', 151), "nope", "1", null, null, null, null), new Caller("librarian-1", "librarian", null)));

        Assert.Equal(["email", "name", "phoneNumber"], result.Errors.Select(e => e.PropertyName).Distinct().Order());
    }
}
