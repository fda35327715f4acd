using Library.BuildingBlocks.Results;
using Mediator;

namespace Library.Reader.Command.Readers.Suspend;

internal sealed record SuspendReaderRequest(string? Reason);

internal sealed record SuspendReaderCommand(Guid ReaderId, long? ExpectedVersion, string? Reason) : ICommand<Result<ReaderChanged>>;
