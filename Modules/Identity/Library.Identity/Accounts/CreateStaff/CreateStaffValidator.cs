using FluentValidation;
using Library.BuildingBlocks.Security;

namespace Library.Identity.Accounts.CreateStaff;

internal sealed partial class CreateStaffValidator : AbstractValidator<CreateStaffCommand>
{
    public CreateStaffValidator()
    {
        // No '@' and no '/', so a username can never be read as a reader's e-mail or number.
        RuleFor(c => c.Username).NotEmpty().WithMessage("Username is required.")
            .Matches(UsernamePattern()).WithMessage("A username has 3 to 64 characters: letters, digits, '.', '_' or '-', starting with a letter or digit.");
        RuleFor(c => c.Password).ValidPassword();
        RuleFor(c => c.Role).NotEmpty().WithMessage("Role is required.")
            .Must(role => role is LibraryRoles.Admin or LibraryRoles.Librarian).WithMessage("Role is 'librarian' or 'admin'.");
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$")]
    private static partial System.Text.RegularExpressions.Regex UsernamePattern();
}
