using System.Text.RegularExpressions;

namespace Library.Reader.Command.Domain;

/// <summary>
/// The spec's reader input rules in one place, used by the validators (400 with field errors) and
/// by the aggregate, so the two can never disagree.
/// </summary>
internal static partial class ReaderRules
{
    public const int NameMaxLength = 150;
    public const int EmailMaxLength = 254;
    public const int MinimumAge = 12;

    /// <summary>
    /// The oldest age a birth date may give: the oldest person on record reached 122, so anything older
    /// is a typo (0001-01-01 was accepted before this rule).
    /// </summary>
    public const int MaximumAge = 130;
    public const int MaxInterests = 20;
    public const int InterestMaxLength = 50;
    public const int SuspensionReasonMaxLength = 500;

    /// <summary>
    /// The category a reader has unless staff say otherwise. The Reader service keeps the code only: the
    /// Lending service owns the categories and their terms, and a code it does not define means "the
    /// lending policy's terms" (ADR 0029), so no code is refused here for being unknown.
    /// </summary>
    public const string DefaultCategory = "adult";
    public const int CategoryMaxLength = 32;

    /// <summary>A category code: 1 to 32 lower-case ASCII letters, digits, '-' or '_' (the Lending service's rule too).</summary>
    public static bool IsValidCategory(string category) => CategoryPattern().IsMatch(category);

    public static bool IsValidPhoneNumber(string phoneNumber) => PhonePattern().IsMatch(phoneNumber);

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>Whole years between birth and <paramref name="today"/>, counting a birthday not yet reached this year.</summary>
    public static int AgeOn(DateOnly birthDate, DateOnly today)
    {
        var age = today.Year - birthDate.Year;
        return birthDate.AddYears(age) > today ? age - 1 : age;
    }

    public static bool IsOldEnough(DateOnly birthDate, DateOnly today) => AgeOn(birthDate, today) >= MinimumAge;

    public static bool IsPlausibleBirthDate(DateOnly birthDate, DateOnly today) => AgeOn(birthDate, today) <= MaximumAge;

    /// <summary>Interests are genre names: trimmed, duplicates (ignoring case) dropped, order kept.</summary>
    public static List<string> NormalizeInterests(IEnumerable<string> interests) =>
        [.. interests.Select(i => i.Trim()).Where(i => i.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];

    [GeneratedRegex(@"^\+?[0-9]{9,15}$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    // \z, not $: $ also matches before a final newline, which would let "child\n" through.
    [GeneratedRegex(@"^[a-z0-9_-]{1,32}\z", RegexOptions.CultureInvariant)]
    private static partial Regex CategoryPattern();
}
