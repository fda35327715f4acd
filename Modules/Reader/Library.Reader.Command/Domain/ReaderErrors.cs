using Library.BuildingBlocks.Results;

namespace Library.Reader.Command.Domain;

internal static class ReaderErrors
{
    public static Error NotFound(Guid readerId) => Error.NotFound("reader.not_found", $"No reader has id '{readerId}'.");

    public static Error NotFound(string rawId) => Error.NotFound("reader.not_found", $"No reader has id '{rawId}'.");

    public static Error EmailTaken() => Error.Conflict("reader.email_taken", "Another reader already uses this e-mail address.");

    public static Error GdprConsentRequired() => Error.Invalid(
        "gdprConsent", "reader.gdpr_consent_required", "Consent to the processing of personal data (GDPR) is required.");

    public static Error TooYoung(int minimumAge) => Error.Invalid(
        "birthDate", "reader.too_young", $"A reader must be at least {minimumAge} years old.");

    public static Error ImplausibleBirthDate(int maximumAge) => Error.Invalid(
        "birthDate", "reader.birth_date_implausible", $"A birth date more than {maximumAge} years ago is not plausible; check for a typo.");

    public static Error InvalidCategory() => Error.Invalid(
        "category", InvalidCategoryCode, $"A category is a code of 1 to {ReaderRules.CategoryMaxLength} lower-case letters, digits, '-' or '_', such as 'adult' or 'child'.");

    public const string InvalidCategoryCode = "reader.invalid_category";

    public static Error Erased() => Error.Conflict("reader.erased", "The reader's personal data was erased; the reader can no longer change.");

    public static Error NotSuspended() => Error.Conflict("reader.not_suspended", "The reader is not suspended.");

    public static Error HasOpenLoans(int openLoans) => Error.Conflict(
        "reader.has_open_loans", $"The reader still has {openLoans} open loan(s); return them before erasure.");

    public static Error OwesFines(long cents) => Error.Conflict(
        "reader.owes_fines", $"The reader still owes {cents} cents in fines; settle them before erasure.");
}
