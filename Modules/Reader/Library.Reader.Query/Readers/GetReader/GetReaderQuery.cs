using Library.BuildingBlocks.Results;
using Mediator;

namespace Library.Reader.Query.Readers.GetReader;

internal sealed record GetReaderQuery(string ReaderId) : IQuery<Result<ReaderDetailsResponse>>;
