using FluentValidation;
using Library.Reader.Command.Domain;

namespace Library.Reader.Command.Readers;

/// <summary>Field rules shared by registration and profile update; null passes (required-ness is per command).</summary>
internal static class ReaderFieldRules
{
    public static IRuleBuilderOptions<T, string?> ValidReaderName<T>(this IRuleBuilder<T, string?> rule) =>
        rule
            .Must(name => name is null || name.Trim().Length > 0).WithMessage("Name must not be empty.")
            .MaximumLength(ReaderRules.NameMaxLength).WithMessage($"Name must be at most {ReaderRules.NameMaxLength} characters.");

    public static IRuleBuilderOptions<T, string?> ValidReaderEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule
            .MaximumLength(ReaderRules.EmailMaxLength).WithMessage($"E-mail must be at most {ReaderRules.EmailMaxLength} characters.")
            .EmailAddress(FluentValidation.Validators.EmailValidationMode.AspNetCoreCompatible).WithMessage("E-mail is not a valid address.")
            .Must(email => email is null || !email.Trim().Contains(' ', StringComparison.Ordinal)).WithMessage("E-mail is not a valid address.");

    /// <summary>Digits with an optional leading '+', 9 to 15 digits; an empty value means "none".</summary>
    public static IRuleBuilderOptions<T, string?> ValidPhoneNumber<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(phone => string.IsNullOrWhiteSpace(phone) || ReaderRules.IsValidPhoneNumber(phone.Trim()))
            .WithMessage("Phone number must be 9 to 15 digits with an optional leading '+'.");

    public static IRuleBuilderOptions<T, IReadOnlyList<string>?> ValidInterests<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule) =>
        rule
            .Must(interests => interests is null || interests.Count <= ReaderRules.MaxInterests)
            .WithMessage($"At most {ReaderRules.MaxInterests} interests.")
            .Must(interests => interests is null || interests.All(i => !string.IsNullOrWhiteSpace(i) && i.Length <= ReaderRules.InterestMaxLength))
            .WithMessage($"Each interest must be a genre name of 1 to {ReaderRules.InterestMaxLength} characters.");
}
