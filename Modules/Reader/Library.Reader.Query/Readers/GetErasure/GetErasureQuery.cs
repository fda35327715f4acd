using Library.BuildingBlocks.Results;
using Mediator;

namespace Library.Reader.Query.Readers.GetErasure;

internal sealed record GetErasureQuery(string ReaderId) : IQuery<Result<ErasureProgressResponse>>;
