using Library.BuildingBlocks.Contracts;
using Library.BuildingBlocks.Results;
using Mediator;

namespace Library.Reader.Command.Readers.ChangeCategory;

internal sealed record ChangeReaderCategoryRequest(string? Category);

internal sealed record ChangeReaderCategoryCommand(Guid ReaderId, long ExpectedVersion, string? Category, Actor Actor) : ICommand<Result<ReaderChanged>>;
