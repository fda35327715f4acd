using Library.BuildingBlocks.Results;
using Mediator;

namespace Library.Lending.Command.Books.AddCopy;

internal sealed record AddCopyRequest(string? Barcode);

internal sealed record AddCopyCommand(string Isbn, string? Barcode) : ICommand<Result<CopyAddedResponse>>;

internal sealed record CopyAddedResponse(Guid CopyId, string Barcode, string Isbn, long Version);
