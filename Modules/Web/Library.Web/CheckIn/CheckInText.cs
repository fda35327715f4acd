using Library.Web.Api;

namespace Library.Web.CheckIn;

/// <summary>What a check-in means for the librarian holding the book: where it goes, and the fine if any.</summary>
internal static class CheckInText
{
    public static string Of(CheckInView checkIn, string? title)
    {
        var what = title ?? "The copy";
        var fine = checkIn.Fine is { } assessed
            ? $" {checkIn.DaysOverdue} day(s) late: a fine of {Display.Money(assessed.AmountCents, assessed.Currency)} for reader {checkIn.Reader.ReaderNumber}."
            : "";
        return checkIn.Hold is { } hold
            ? $"{what} is returned. To the hold shelf for reader {hold.ReaderNumber} (until {Display.Date(hold.PickupBy)}).{fine}"
            : $"{what} is returned. Back to the shelf.{fine}";
    }
}
