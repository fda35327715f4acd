using Library.BuildingBlocks.ReadStore;
using Library.BuildingBlocks.Results;
using Mediator;

namespace Library.Reader.Query.Readers.SearchReaders;

/// <summary>Number is exact, e-mail exact ignoring case, name a case-insensitive substring; all optional.</summary>
internal sealed record SearchReadersQuery(string? Number, string? Name, string? Email, int Page, int PageSize)
    : IQuery<Result<Page<ReaderDetailsResponse>>>;
