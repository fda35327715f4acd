using Library.BuildingBlocks.Contracts;
using Library.BuildingBlocks.Results;
using Library.BuildingBlocks.Validation;
using Mediator;

namespace Library.Lending.Command.Calendar.CloseDay;

internal sealed record CloseDayRequest(string? Reason);

internal sealed record CloseDayCommand(DateOnly Date, [property: FreeText] string? Reason, Actor Actor) : ICommand<Result<ClosedDayResponse>>;
