using System.Collections.Frozen;

namespace Library.Lending.Command.Domain;

/// <summary>
/// The ISO 4217 codes of the currencies in circulation (List One as published in 2025, without fund
/// codes such as CHE or USN, precious metals, XDR and the testing codes XTS and XXX: no library fines
/// in those). Kept here because .NET has no complete list: <c>RegionInfo</c> knows only the currencies
/// of the cultures ICU ships, and none at all in invariant-globalization containers; no well-kept NuGet
/// package carries the list alone. ISO amends it about once a year; add a code when it is published.
/// </summary>
internal static class CurrencyCodes
{
    public static readonly FrozenSet<string> Known = FrozenSet.Create(
        StringComparer.Ordinal,
        "AED", "AFN", "ALL", "AMD", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD", "BIF",
        "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CLP", "CNY", "COP",
        "CRC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP",
        "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD",
        "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK",
        "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR",
        "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP",
        "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP",
        "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD",
        "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS", "VED", "VES", "VND", "VUV", "WST", "XAF", "XCD", "XCG",
        "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWG");

    /// <summary>Exactly three upper-case letters of a code in <see cref="Known"/>.</summary>
    public static bool IsKnown(string? code) => code is not null && Known.Contains(code);
}
