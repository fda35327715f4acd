using Library.BuildingBlocks.ReadStore;
using Library.BuildingBlocks.Results;
using Library.Reader.Query.ReadModel;
using Mediator;

namespace Library.Reader.Query.Readers.GetErasure;

internal sealed class GetErasureHandler(IReadStore<ReaderDocument> readers) : IQueryHandler<GetErasureQuery, Result<ErasureProgressResponse>>
{
    public async ValueTask<Result<ErasureProgressResponse>> Handle(GetErasureQuery query, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(query.ReaderId, out var id)
            || !query.Caller.MayActOnReader(id)
            || await readers.GetAsync(id.ToString(), cancellationToken) is not { } reader)
        {
            return Error.NotFound("reader.not_found", $"No reader has id '{query.ReaderId}'.");
        }

        // Follows the command side within moments: right after the 202 the request may not be here yet.
        return ErasureProgressResponse.From(reader) is { } erasure
            ? erasure
            : Error.NotFound("erasure.not_found", "No erasure of this reader has been requested (a request made moments ago may not show yet).");
    }
}
