using Library.Lending.Command.Domain;

namespace Library.Lending.UnitTests;

public sealed class IsbnTests
{
    [Theory]
    [InlineData("978-0-13-468599-1", "9780134685991")]
    [InlineData("9780134685991", "9780134685991")]
    [InlineData("0-201-61622-X", "020161622X")]
    [InlineData("0 201 61622 x", "020161622X")]
    [InlineData("979-10-90636-07-1", "9791090636071")]
    public void Valid_isbns_are_normalised(string raw, string normalized) => Assert.Equal(normalized, Isbn.Normalize(raw));

    [Theory]
    [InlineData("978-0-13-468599-2")] // wrong check digit
    [InlineData("0-201-61622-1")]
    [InlineData("X201616221")] // X only as the ISBN-10 check digit
    [InlineData("9770134685991")] // not a book prefix
    [InlineData("12345")]
    [InlineData("")]
    [InlineData(null)]
    public void Invalid_isbns_are_refused(string? raw) => Assert.Null(Isbn.Normalize(raw));
}
