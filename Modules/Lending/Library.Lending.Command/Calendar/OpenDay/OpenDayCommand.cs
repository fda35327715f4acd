using Library.BuildingBlocks.Contracts;
using Library.BuildingBlocks.Results;
using Mediator;

namespace Library.Lending.Command.Calendar.OpenDay;

internal sealed record OpenDayCommand(DateOnly Date, Actor Actor) : ICommand<Result<CalendarChangeResponse>>;
