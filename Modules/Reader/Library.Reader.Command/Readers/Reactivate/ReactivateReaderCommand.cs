using Library.BuildingBlocks.Contracts;
using Library.BuildingBlocks.Results;
using Mediator;

namespace Library.Reader.Command.Readers.Reactivate;

internal sealed record ReactivateReaderCommand(Guid ReaderId, long? ExpectedVersion, Actor Actor) : ICommand<Result<ReaderChanged>>;
