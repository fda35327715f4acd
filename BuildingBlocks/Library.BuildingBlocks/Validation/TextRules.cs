using System.Globalization;
using System.Text;

namespace Library.BuildingBlocks.Validation;

/// <summary>
/// Marks a free-text field (a return comment, a suspension or waiver reason): it may hold tab and line
/// breaks, which every other text field refuses.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FreeTextAttribute : Attribute;

/// <summary>
/// The spec's rule for every text value a client sends, in one place: no control characters (tab and
/// line breaks only in free text), only whole Unicode characters, and never a value whose every
/// character is invisible. <see cref="Application.ValidationBehavior{TMessage,TResponse}"/> applies it
/// to every string of every message, so a field cannot be forgotten.
/// </summary>
public static class TextRules
{
    public const string ControlCharacterMessage =
        "Must not contain control characters (U+0000–U+001F, U+007F–U+009F); free text may hold tab and line breaks only.";

    public const string UnpairedSurrogateMessage = "Must be valid Unicode text (an unpaired surrogate was found).";

    public const string InvisibleOnlyMessage = "Must contain at least one visible character.";

    /// <summary>
    /// Characters of a "visible" category that render as nothing: the Hangul fillers (Unicode's
    /// Default_Ignorable_Code_Point set) and the blank Braille pattern, the usual way to make a
    /// blank-looking name pass a "not only whitespace or format characters" test.
    /// </summary>
    private static readonly HashSet<int> BlankLetters = [0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800];

    /// <summary>The first rule <paramref name="value"/> breaks, or null when it is acceptable text.</summary>
    public static string? Problem(string value, bool freeText)
    {
        var visible = false;
        var blank = true;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsSurrogate(c))
            {
                // PostgreSQL and UTF-8 cannot store half a character: Npgsql throws on it, a 500.
                if (!char.IsHighSurrogate(c) || i + 1 == value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return UnpairedSurrogateMessage;
                }
            }
            else if (char.IsControl(c) && !(freeText && c is '\t' or '\n' or '\r'))
            {
                // All of Unicode's Cc: the spec's C0 set and DEL, and the C1 set (U+0080–U+009F), which
                // nobody types and terminals read as escape sequences. U+0000 made PostgreSQL fail.
                return ControlCharacterMessage;
            }

            var rune = Rune.GetRuneAt(value, i);
            i += rune.Utf16SequenceLength - 1;
            blank &= Rune.IsWhiteSpace(rune);
            visible |= IsVisible(rune);
        }

        // Whitespace alone is left to each field's own rule (required or "empty means none").
        return visible || blank ? null : InvisibleOnlyMessage;
    }

    /// <summary>
    /// Invisible: separators (Zs, Zl, Zp), controls (Cc), format characters (Cf: U+200B, U+202E, U+FEFF,
    /// U+2060, soft hyphen, tag characters), marks without a base (Mn, Me: variation selectors, the
    /// combining grapheme joiner), private-use and unassigned code points (Co, Cn: no font draws them
    /// for every client), and the blank letters above. Everything else draws ink.
    /// </summary>
    private static bool IsVisible(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => false,
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned => false,
        UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark => false,
        _ => !BlankLetters.Contains(rune.Value),
    };
}
