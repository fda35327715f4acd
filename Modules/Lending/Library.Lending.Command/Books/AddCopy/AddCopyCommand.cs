using Library.BuildingBlocks.Contracts;
using Library.BuildingBlocks.Results;
using Mediator;

namespace Library.Lending.Command.Books.AddCopy;

internal sealed record AddCopyRequest(string? Barcode);

internal sealed record AddCopyCommand(string Isbn, string? Barcode, Actor Actor) : ICommand<Result<CopyAddedResponse>>;

internal sealed record CopyAddedResponse(Guid CopyId, string Barcode, string Isbn, long Version);
