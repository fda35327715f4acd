namespace Library.Web.Api;

// The API's JSON as the front end reads it: only the fields a page shows. The API is the contract (spec section 3);
// these are not shared types, so the front end cannot reach into a service's internals. Internal, but for the ones a
// component takes as a parameter: Razor components are public classes, and so must their parameters' types be.
internal sealed record Actor(string Subject, string Role);

public sealed record ReaderView(
    string ReaderId,
    string ReaderNumber,
    string Name,
    string? Email,
    string? PhoneNumber,
    string? BirthDate,
    bool GdprConsent,
    bool MarketingConsent,
    bool ThirdPartySharingConsent,
    IReadOnlyList<string> Interests,
    string Status,
    string Category,
    string? SuspensionReason,
    int ActiveLoans,
    int OverdueLoans,
    long FinesOwedCents,
    int HoldsWaiting,
    int HoldsReady,
    DateTime RegisteredAt,
    ErasureView? Erasure,
    long Version);

public sealed record ErasureView(string RequestId, string Status, string? Code, DateTime RequestedAt);

internal sealed record PageOf<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total, string? Next = null);

internal sealed record LoanBook(string Isbn, string Title);

internal sealed record LoanReader(string ReaderId, string ReaderNumber, string Name);

internal sealed record LoanFine(string? FineId, long AssessedCents, long PaidCents, long WaivedCents, long BalanceCents, long AccruedCents, string Currency);

internal sealed record OwingLoan(string LoanId, LoanReader Reader, LoanBook Book, DateTime? ReturnedAt, string Status, LoanFine Fine, long Version);

internal sealed record LoanView(
    string LoanId,
    string LoanNumber,
    LoanReader Reader,
    LoanBook Book,
    string Barcode,
    DateTime CheckedOutAt,
    DateTime DueDate,
    DateTime? ReturnedAt,
    string Status,
    int DaysOverdue,
    int Renewals,
    LoanFine Fine,
    long Version);

internal sealed record HoldView(
    string HoldId,
    string ReaderId,
    string ReaderNumber,
    string Isbn,
    string Title,
    string Status,
    int? Position,
    DateTime PlacedAt,
    string? Barcode,
    DateTime? PickupBy,
    long Version);

internal sealed record CopyView(string CopyId, string Barcode, string Status);

internal sealed record BookView(string Isbn, string Title, IReadOnlyList<string> Authors, string? Genre, int CopiesTotal, int CopiesAvailable, int HoldsWaiting, IReadOnlyList<CopyView>? Copies, long Version);

internal sealed record TrappedHold(string HoldId, string ReaderId, string ReaderNumber, DateTime PickupBy);

internal sealed record ReaderRef(string ReaderId, string ReaderNumber);

internal sealed record CheckInView(string LoanId, ReaderRef Reader, DateTime ReturnedAt, int DaysOverdue, AssessedFine? Fine, string RouteTo, TrappedHold? Hold, long Version);

internal sealed record AssessedFine(string FineId, long AmountCents, string Currency);

internal static class Display
{
    public static string Money(long cents, string currency = "EUR") =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{cents / 100m:0.00} {currency}");

    /// <summary>An amount typed at the desk ("2.50"): positive, at most two decimals, in cents; false otherwise.</summary>
    public static bool TryParseCents(string? text, out long cents)
    {
        var ok = decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var amount)
            && amount > 0 && decimal.Round(amount, 2) == amount && amount <= long.MaxValue / 100;
        cents = ok ? (long)(amount * 100) : 0;
        return ok;
    }

    /// <summary>The filled-in filters as a query string ("a=1&amp;b=2", escaped), for a list's own links and its API call.</summary>
    public static string Query(params (string Name, string? Value)[] filters) =>
        string.Join("&", filters.Where(f => !string.IsNullOrWhiteSpace(f.Value)).Select(f => $"{f.Name}={Uri.EscapeDataString(f.Value!.Trim())}"));

    public static string Date(DateTime value) => value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static string DateTime(DateTime value) => value.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
