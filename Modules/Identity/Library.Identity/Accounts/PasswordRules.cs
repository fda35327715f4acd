using FluentValidation;
using Microsoft.AspNetCore.Identity;

namespace Library.Identity.Accounts;

internal static class PasswordRules
{
    public const int MinLength = 8;

    /// <summary>Long passphrases are welcome; the cap keeps a hash request from being a denial of service.</summary>
    public const int MaxLength = 128;

    public static IRuleBuilderOptions<T, string?> ValidPassword<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("Password is required.")
            .Length(MinLength, MaxLength).WithMessage($"A password has {MinLength} to {MaxLength} characters.");
}

/// <summary>
/// ASP.NET Core Identity's hasher (PBKDF2-HMAC-SHA512, 100,000 iterations, per-password salt), with a
/// fixed hash to verify against when no account matches, so that a wrong username costs as long as a
/// wrong password and response times do not tell which usernames exist.
/// </summary>
#pragma warning disable CA1822 // An instance service, so handlers take it like any other dependency.
internal sealed class Passwords
{
    private static readonly PasswordHasher<Account> Hasher = new();
    private static readonly string DummyHash = Hasher.HashPassword(new Account(), "no account has this password " + Guid.NewGuid());

    public string Hash(string password) => Hasher.HashPassword(new Account(), password);

    public bool Verify(Account? account, string password)
    {
        var result = Hasher.VerifyHashedPassword(account ?? new Account(), account?.PasswordHash ?? DummyHash, password);
        return account is not null && result != PasswordVerificationResult.Failed;
    }
}
