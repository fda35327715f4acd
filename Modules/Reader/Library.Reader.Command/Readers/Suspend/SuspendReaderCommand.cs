using Library.BuildingBlocks.Contracts;
using Library.BuildingBlocks.Results;
using Library.BuildingBlocks.Validation;
using Mediator;

namespace Library.Reader.Command.Readers.Suspend;

internal sealed record SuspendReaderRequest(string? Reason);

internal sealed record SuspendReaderCommand(Guid ReaderId, long? ExpectedVersion, [property: FreeText] string? Reason, Actor Actor) : ICommand<Result<ReaderChanged>>;
