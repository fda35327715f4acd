using Library.BuildingBlocks.Results;
using Library.Identity.Accounts;
using Mediator;

namespace Library.Identity.Tokens.Exchange;

/// <summary>The password grant's credentials: a staff username, or a reader's number or e-mail.</summary>
internal sealed record PasswordSignInCommand(string? Username, string? Password) : ICommand<Result<SignedInAccount>>;

/// <summary>The refresh and authorization-code grants: is the token's subject still allowed to sign in?</summary>
internal sealed record CurrentAccountQuery(Guid AccountId) : IQuery<Result<SignedInAccount>>;
