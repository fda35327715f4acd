using Library.BuildingBlocks.Results;
using Mediator;

namespace Library.Lending.Command.Policy.GetPolicy;

/// <summary>The one read the Lending command service answers: the policy it enforces, with its version for If-Match.</summary>
internal sealed record GetPolicyQuery : IQuery<Result<LendingPolicyResponse>>;
