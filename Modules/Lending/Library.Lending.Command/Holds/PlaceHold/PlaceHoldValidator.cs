using FluentValidation;

namespace Library.Lending.Command.Holds.PlaceHold;

internal sealed class PlaceHoldValidator : AbstractValidator<PlaceHoldCommand>
{
    public PlaceHoldValidator()
    {
        RuleFor(c => c.ReaderId).NotEmpty().WithMessage("readerId is required.");
        RuleFor(c => c.Isbn)
            .Must(isbn => Domain.Isbn.Normalize(isbn) is not null)
            .WithMessage("isbn must be an ISBN-10 or ISBN-13 with a valid check digit.");
    }
}
