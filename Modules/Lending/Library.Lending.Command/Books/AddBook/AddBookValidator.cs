using FluentValidation;
using Library.Lending.Command.Domain;

namespace Library.Lending.Command.Books.AddBook;

internal sealed class AddBookValidator : AbstractValidator<AddBookCommand>
{
    public AddBookValidator()
    {
        RuleFor(c => c.Isbn)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("ISBN is required.")
            .Must(isbn => Isbn.Normalize(isbn) is not null).WithMessage("Not a valid ISBN-10 or ISBN-13 (check digit included).");
        RuleFor(c => c.Title)
            .Must(title => !string.IsNullOrWhiteSpace(title)).WithMessage("Title is required.")
            .MaximumLength(Book.TitleMaxLength).WithMessage($"Title must be at most {Book.TitleMaxLength} characters.");
        RuleFor(c => c.Authors)
            .NotEmpty().WithMessage("At least one author is required.")
            .Must(a => a is null || a.Count <= Book.MaxAuthors).WithMessage($"At most {Book.MaxAuthors} authors.");
        RuleForEach(c => c.Authors)
            .Must(author => !string.IsNullOrWhiteSpace(author)).WithMessage("An author's name cannot be empty.")
            .MaximumLength(Book.AuthorMaxLength).WithMessage($"An author's name must be at most {Book.AuthorMaxLength} characters.");
        RuleFor(c => c.Genre).MaximumLength(Book.GenreMaxLength).WithMessage($"Genre must be at most {Book.GenreMaxLength} characters.");
    }
}
