namespace Library.BuildingBlocks.Results;

/// <summary>
/// A store the service depends on cannot be reached or did not answer in time: a condition to retry
/// later, which the hosts answer as 503 <c>server.unavailable</c> with <c>Retry-After</c>. Adapters
/// throw a subtype of it so that the hosting layer needs no reference to any store's driver.
/// </summary>
public class StoreUnavailableException : Exception
{
    public StoreUnavailableException()
    {
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
