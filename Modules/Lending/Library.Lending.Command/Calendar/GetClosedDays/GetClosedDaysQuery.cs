using Library.BuildingBlocks.Results;
using Mediator;

namespace Library.Lending.Command.Calendar.GetClosedDays;

/// <summary>The closed days from <paramref name="From"/> to <paramref name="To"/>, both inclusive, either open-ended.</summary>
internal sealed record GetClosedDaysQuery(DateOnly? From, DateOnly? To) : IQuery<Result<ClosedDaysResponse>>;
