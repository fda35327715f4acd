using Library.BuildingBlocks.Results;
using Library.BuildingBlocks.Security;
using Mediator;

namespace Library.Reader.Query.Readers.GetReader;

internal sealed record GetReaderQuery(string ReaderId, Caller Caller) : IQuery<Result<ReaderDetailsResponse>>;
