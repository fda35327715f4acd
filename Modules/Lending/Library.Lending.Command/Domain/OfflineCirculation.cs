using Library.BuildingBlocks.Results;

namespace Library.Lending.Command.Domain;

/// <summary>
/// A librarian may record a checkout or return that happened while the system was unreachable,
/// by its real time: not in the future and not more than a year back.
/// </summary>
internal static class OfflineCirculation
{
    public const int MaxDaysBack = 365;

    public static Result<DateTimeOffset> When(DateTimeOffset? occurredAt, DateTimeOffset now)
    {
        if (occurredAt is not { } at)
        {
            return now;
        }

        if (at > now)
        {
            return LendingErrors.OccurredInFuture();
        }

        if (at < now.AddDays(-MaxDaysBack))
        {
            return LendingErrors.OccurredTooLongAgo(MaxDaysBack);
        }

        return at.ToUniversalTime();
    }
}
