using Library.BuildingBlocks.Results;
using Library.BuildingBlocks.Security;
using Mediator;

namespace Library.Identity.Accounts.SetReaderCredentials;

/// <summary>The body of <c>PUT /api/readers/{readerId}/credentials</c>.</summary>
internal sealed record CredentialsBody(string? Password, string? CurrentPassword);

/// <summary>Staff set or reset a reader's password; a reader changes their own with the current one.</summary>
internal sealed record SetReaderCredentialsCommand(Guid ReaderId, CredentialsBody Body, Caller Caller) : ICommand<Result>;
