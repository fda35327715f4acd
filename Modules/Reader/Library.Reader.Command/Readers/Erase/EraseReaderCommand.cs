using Library.BuildingBlocks.Contracts;
using Library.BuildingBlocks.Results;
using Mediator;

namespace Library.Reader.Command.Readers.Erase;

internal sealed record EraseReaderCommand(Guid ReaderId, long? ExpectedVersion, Actor Actor) : ICommand<Result<ErasureResponse>>;
