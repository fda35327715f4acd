using Library.BuildingBlocks.ReadStore;
using Library.BuildingBlocks.Results;
using Library.Reader.Query.ReadModel;
using Mediator;

namespace Library.Reader.Query.Readers.GetReader;

internal sealed class GetReaderHandler(IReadStore<ReaderDocument> readers, IReadStore<ReaderLoanDocument> loans, TimeProvider clock) : IQueryHandler<GetReaderQuery, Result<ReaderDetailsResponse>>
{
    public async ValueTask<Result<ReaderDetailsResponse>> Handle(GetReaderQuery query, CancellationToken cancellationToken)
    {
        // Ids are stored in their canonical form; anything that is not a GUID cannot be a reader. Another
        // reader's details do not exist as far as a reader can tell.
        if (!Guid.TryParse(query.ReaderId, out var id)
            || !query.Caller.MayActOnReader(id)
            || await readers.GetAsync(id.ToString(), cancellationToken) is not { } reader)
        {
            return Error.NotFound("reader.not_found", $"No reader has id '{query.ReaderId}'.");
        }

        return ReaderDetailsResponse.From(reader, await ReaderLoanCounts.ForAsync(loans, reader.Id, clock.GetUtcNow(), cancellationToken));
    }
}
