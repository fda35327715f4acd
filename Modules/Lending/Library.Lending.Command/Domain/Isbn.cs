namespace Library.Lending.Command.Domain;

/// <summary>ISBN-10 and ISBN-13 with their check digits. Hyphens and spaces are presentation only.</summary>
internal static class Isbn
{
    /// <summary>Digits (and a final X for ISBN-10) without separators, upper-cased; null when not an ISBN.</summary>
    public static string? Normalize(string? raw)
    {
        if (raw is null)
        {
            return null;
        }

        var compact = string.Concat(raw.Where(c => c is not ('-' or ' '))).ToUpperInvariant();
        return IsValid(compact) ? compact : null;
    }

    private static bool IsValid(string isbn) => isbn.Length switch
    {
        10 => IsValidIsbn10(isbn),
        13 => IsValidIsbn13(isbn),
        _ => false,
    };

    private static bool IsValidIsbn10(string isbn)
    {
        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            var c = isbn[i];
            int value;
            if (char.IsAsciiDigit(c))
            {
                value = c - '0';
            }
            else if (c == 'X' && i == 9)
            {
                value = 10;
            }
            else
            {
                return false;
            }

            sum += value * (10 - i);
        }

        return sum % 11 == 0;
    }

    private static bool IsValidIsbn13(string isbn)
    {
        if (!isbn.All(char.IsAsciiDigit) || !(isbn.StartsWith("978", StringComparison.Ordinal) || isbn.StartsWith("979", StringComparison.Ordinal)))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 13; i++)
        {
            sum += (isbn[i] - '0') * (i % 2 == 0 ? 1 : 3);
        }

        return sum % 10 == 0;
    }
}
