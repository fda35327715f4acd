using Library.BuildingBlocks.Results;

namespace Library.Identity.Accounts;

internal static class IdentityErrors
{
    public const string UsernameTakenCode = "staff.username_taken";

    public static Error UsernameTaken() => Error.Conflict(UsernameTakenCode, "Another account already uses this username.");

    /// <summary>The same answer for a reader that does not exist, is erased, or is someone else's (to a reader).</summary>
    public static Error ReaderNotFound(Guid readerId) => Error.NotFound("reader.not_found", $"No reader has id '{readerId}'.");

    public static Error CurrentPasswordRequired() => Error.Invalid(
        "currentPassword", "credentials.current_password_required", "Changing your own password needs your current password.");

    public static Error CurrentPasswordIncorrect() => Error.Invalid(
        "currentPassword", "credentials.current_password_incorrect", "The current password is incorrect (or the account is locked).");

    /// <summary>Never says which of username and password was wrong, nor whether the account exists.</summary>
    public static Error SignInFailed() => Error.Validation("auth.sign_in_failed", "The username or password is incorrect, or the account is locked.");
}
