using MongoDB.Driver;

namespace Library.BuildingBlocks.ReadStore.MongoDb;

/// <summary>Which driver failures mean "the store cannot be reached or answered too late", so retrying later may succeed.</summary>
internal static class MongoFailures
{
    public static bool IsUnavailable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                // Wrong credentials are a configuration fault, not an outage; retrying will not help.
                case MongoAuthenticationException:
                    return false;

                // No server selected in time (the driver's TimeoutException), a pool checkout that timed
                // out, a connection refused, reset or closed, a pool paused after a network error.
                case TimeoutException:
                case MongoConnectionException:
                case MongoConnectionPoolPausedException:
                case MongoWaitQueueFullException:

                // maxTimeMS exceeded on the server, a client-side operation timeout.
                case MongoExecutionTimeoutException:

                // A failover under way: the primary stepped down or a node is recovering.
                case MongoNotPrimaryException:
                case MongoNodeIsRecoveringException:
                    return true;
                case MongoException mongo when mongo.HasErrorLabel("RetryableWriteError") || mongo.HasErrorLabel("TransientTransactionError"):
                    return true;
            }
        }

        return false;
    }
}
