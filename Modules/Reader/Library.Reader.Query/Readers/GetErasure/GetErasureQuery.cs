using Library.BuildingBlocks.Results;
using Library.BuildingBlocks.Security;
using Mediator;

namespace Library.Reader.Query.Readers.GetErasure;

internal sealed record GetErasureQuery(string ReaderId, Caller Caller) : IQuery<Result<ErasureProgressResponse>>;
