using Library.BuildingBlocks.Results;

namespace Library.Lending.Command.Domain;

internal static class LendingErrors
{
    public static Error BookNotFound(string isbn) => Error.NotFound("book.not_found", $"No book has ISBN '{isbn}'.");

    public static Error BookExists(string isbn) => Error.Conflict("book.exists", $"A book with ISBN '{isbn}' is already in the catalogue.");

    public static Error BarcodeTaken(string barcode) => Error.Conflict("copy.barcode_taken", $"Another copy already has barcode '{barcode}'.");

    public static Error CopyNotFound(string barcode) => Error.NotFound("copy.not_found", $"No copy has barcode '{barcode}'.");

    public static Error CopyNotAvailable(string barcode, string status) =>
        Error.Conflict("copy.not_available", $"Copy '{barcode}' cannot be checked out: it is {status.Replace('_', ' ')}.");

    public static Error CopyNotOnLoan(string barcode) =>
        Error.Conflict("copy.not_on_loan", $"Copy '{barcode}' is not on loan: there is no loan to check in.");

    public static Error ReaderNotFound(Guid readerId) => ReaderNotFound(readerId.ToString());

    /// <summary>Also for an id in a route that is no id at all: as unknown as any other.</summary>
    public static Error ReaderNotFound(string readerId) => Error.NotFound(
        "reader.not_found", $"No reader has id '{readerId}' (a reader registered moments ago may not have reached the lending service yet).");

    public static Error ReaderSuspended() => Error.Conflict("reader.suspended", "The reader is suspended and cannot borrow.");

    /// <summary>The Reader service's codes for an erasure refused because of loans or fines.</summary>
    public const string ErasureRefusedForOpenLoans = "reader.has_open_loans";
    public const string ErasureRefusedForFines = "reader.owes_fines";

    public static Error ErasurePending() => Error.Conflict(
        "reader.erasure_pending", "The reader's personal data is being erased; they can no longer borrow.");

    public static Error ReaderErased() => Error.Conflict("reader.erased", "The reader's account was erased and cannot borrow.");

    public static Error LoanLimitReached(int limit) => Error.Conflict(
        "reader.loan_limit_reached", $"The reader already has {limit} open loan(s), the most the policy allows.");

    public static Error HasOverdueLoans(int overdue) => Error.Conflict(
        "reader.has_overdue_loans", $"The reader has {overdue} overdue loan(s); return them first.");

    public static Error OwesFines(long owedCents, long allowedCents) => Error.Conflict(
        "reader.owes_fines", $"The reader owes {owedCents} cents in fines; at most {allowedCents} is allowed to borrow.");

    public static Error LoanNotFound(string loanId) => Error.NotFound("loan.not_found", $"No loan has id '{loanId}'.");

    public static Error AlreadyReturned() => Error.Conflict("loan.already_returned", "The loan was already returned.");

    public static Error LoanLost() => Error.Conflict("loan.lost", "The loan was declared lost.");

    public static Error LoanOverdue() => Error.Conflict("loan.overdue", "An overdue loan cannot be renewed; return it.");

    public static Error RenewalLimitReached(int limit) => Error.Conflict(
        "loan.renewal_limit_reached", $"The loan was already renewed {limit} time(s), the most the policy allows.");

    public static Error ReturnBeforeCheckout() => Error.Invalid(
        "occurredAt", "loan.return_before_checkout", "A return cannot happen before its checkout.");

    public static Error OccurredInFuture() => Error.Invalid("occurredAt", "request.occurred_at_in_future", "occurredAt cannot be in the future.");

    public static Error OccurredTooLongAgo(int days) => Error.Invalid(
        "occurredAt", "request.occurred_at_too_old", $"occurredAt cannot be more than {days} days back.");

    public static Error FineNotFound(string fineId) => Error.NotFound("fine.not_found", $"No fine has id '{fineId}'.");

    public static Error FineSettled() => Error.Conflict("fine.settled", "The fine has no balance left.");

    public static Error PaymentExceedsBalance(long amountCents, long balanceCents) => Error.Conflict(
        "fine.payment_exceeds_balance", $"A payment of {amountCents} cents exceeds the balance of {balanceCents} cents.");

    public static Error InvalidCalendarDate(string date) => Error.Invalid(
        "date", "calendar.invalid_date", $"'{(date.Length > 20 ? date[..20] + "…" : date)}' is not a date as yyyy-MM-dd.");

    public const string InvalidCategoryCode = "category.invalid_code";

    public static Error InvalidCategory(string code) => Error.Invalid(
        "code", InvalidCategoryCode, $"'{(code.Length > 40 ? code[..40] + "…" : code)}' is not a category code: 1 to {ReaderCategory.CodeMaxLength} lower-case letters, digits, '-' or '_'.");

    public static Error CategoryExists(string code, long version) => new(
        CommonErrors.VersionMismatchCode,
        $"Category '{code}' already exists (version {version}); send If-Match with that version to change it.",
        ErrorKind.PreconditionFailed);

    public static Error CategoryNotFoundForIfMatch(string code) => new(
        CommonErrors.VersionMismatchCode,
        $"There is no category '{code}' to match; send no If-Match (or If-None-Match: *) to create it.",
        ErrorKind.PreconditionFailed);

    /// <summary>
    /// A create that lost the primary-key race to another: the category now exists and the request had no
    /// If-Match, so it gets what it would have got a moment later (428), whichever way the race went.
    /// </summary>
    public static Error CategoryCreatedConcurrently() => new(
        CommonErrors.IfMatchRequiredCode,
        "The category was created by someone else at the same moment; read it and send If-Match with its version to change it.",
        ErrorKind.PreconditionRequired);

    public static Error DayNotClosed(DateOnly date) => Error.NotFound(
        "calendar.day_not_closed", $"The library is not closed on {date:yyyy-MM-dd}.");

    public static Error TitleOnHold() => Error.Conflict(
        "loan.title_on_hold", "Another reader is waiting for this title, so the loan cannot be renewed; please return it by its due date.");

    public static Error CopyOnHold(string barcode) => Error.Conflict(
        "copy.on_hold", $"Copy '{barcode}' is on the hold shelf for another reader.");

    public static Error HoldNotFound(string holdId) => Error.NotFound("hold.not_found", $"No hold has id '{holdId}'.");

    public static Error HoldAlreadyHeld(string isbn) => Error.Conflict(
        "hold.already_held", $"The reader already holds or has on loan a copy of ISBN '{isbn}'.");

    public static Error HoldLimitReached(int limit) => Error.Conflict(
        "hold.limit_reached", $"The reader already has {limit} hold(s), the most their category allows.");

    public static Error HoldClosed(string status) => Error.Conflict(
        "hold.closed", $"The hold is already {status} and cannot be cancelled.");
}
