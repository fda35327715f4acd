using FluentValidation;
using Library.Lending.Command.Domain;

namespace Library.Lending.Command.Calendar.CloseDay;

internal sealed class CloseDayValidator : AbstractValidator<CloseDayCommand>
{
    public CloseDayValidator(TimeProvider clock)
    {
        RuleFor(c => c.Reason)
            .Must(reason => !string.IsNullOrWhiteSpace(reason)).WithMessage("A reason for the closure is required (readers see it).")
            .MaximumLength(LibraryCalendar.ReasonMaxLength).WithMessage($"Reason must be at most {LibraryCalendar.ReasonMaxLength} characters.");
        RuleFor(c => c.Date)
            .Must(date => date >= CalendarDates.Earliest && date <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddYears(CalendarDates.MaxYearsAhead))
            .WithMessage($"The date must be from {CalendarDates.Earliest:yyyy-MM-dd} to {CalendarDates.MaxYearsAhead} years from today.")
            .OverridePropertyName("date");
    }
}
