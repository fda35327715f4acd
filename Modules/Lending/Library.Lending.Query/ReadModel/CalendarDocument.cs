using Library.BuildingBlocks.ReadStore;

namespace Library.Lending.Query.ReadModel;

/// <summary>
/// The query side's copy of the library's calendar, one document (<see cref="SingletonId"/>), replaced
/// whole by each <c>calendar.changed</c> of a higher version. Dates are <c>yyyy-MM-dd</c> text, which
/// every store keeps and sorts alike.
/// </summary>
internal sealed class CalendarDocument : IReadDocument
{
    public const string SingletonId = "calendar";

    public string Id { get; set; } = SingletonId;

    public long Version { get; set; }

    public List<ClosedDayItem> ClosedDays { get; set; } = [];
}

internal sealed class ClosedDayItem
{
    public string Date { get; set; } = "";

    public string Reason { get; set; } = "";
}
