using Library.BuildingBlocks.Validation;

namespace Library.BuildingBlocks.Tests;

/// <summary>The one text rule: what it refuses and, as much, what it must let through.</summary>
public sealed class TextRulesTests
{
    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("\u001F")]
    [InlineData("x\u007F")]
    [InlineData("\u009Bc")]
    [InlineData("tab\tin a name")]
    public void Control_characters_are_refused(string text) =>
        Assert.Equal(TextRules.ControlCharacterMessage, TextRules.Problem(text, freeText: false));

    [Theory]
    [InlineData("line one\nline two")]
    [InlineData("a\r\n\tb")]
    public void Free_text_may_hold_tab_and_line_breaks(string text) => Assert.Null(TextRules.Problem(text, freeText: true));

    [Fact]
    public void Other_control_characters_are_refused_in_free_text_too() =>
        Assert.Equal(TextRules.ControlCharacterMessage, TextRules.Problem("a\u0000b", freeText: true));

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\u200B\u202E\uFEFF")]
    [InlineData(" \u2060 ")]
    [InlineData("\u0301\u0301")]
    [InlineData("\u3164")]
    [InlineData("\u2800\u2800")]
    [InlineData("\uE000")]
    [InlineData("\U000E0041")]
    public void Values_of_only_invisible_characters_are_refused(string text) =>
        Assert.Equal(TextRules.InvisibleOnlyMessage, TextRules.Problem(text, freeText: false));

    /// <summary>Built in code: attribute arguments are stored as UTF-8, which cannot hold half a character.</summary>
    [Fact]
    public void Unpaired_surrogates_are_refused() =>
        Assert.All(
            new[] { "\uD800", "a\uDC00", "\uDBFFx", "\uDC00\uD800" },
            text => Assert.Equal(TextRules.UnpairedSurrogateMessage, TextRules.Problem(text, freeText: false)));

    [Theory]
    [InlineData("Ada Lovelace")]
    [InlineData("Zoë Ørsted-Łukasiewicz")]
    [InlineData("李小龍")]
    [InlineData("محمد")]
    [InlineData("e\u0301")]
    [InlineData("😀")]
    [InlineData("a\u200Db")]
    [InlineData("")]
    [InlineData("   ")]
    public void Ordinary_names_and_plain_whitespace_pass(string text) => Assert.Null(TextRules.Problem(text, freeText: false));
}
