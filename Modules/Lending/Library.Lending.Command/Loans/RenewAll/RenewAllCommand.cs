using Library.BuildingBlocks.Results;
using Library.BuildingBlocks.Security;
using Library.Lending.Command.Loans.Renew;
using Mediator;

namespace Library.Lending.Command.Loans.RenewAll;

internal sealed record RenewAllCommand(Guid ReaderId, Caller Caller) : ICommand<Result<RenewAllResponse>>;

/// <summary>Every open loan of the reader, in checkout order: renewed as a single renewal answers, or refused with its code.</summary>
internal sealed record RenewAllResponse(IReadOnlyList<RenewLoanResponse> Renewed, IReadOnlyList<RenewalRefusal> Refused);

internal sealed record RenewalRefusal(Guid LoanId, string Code);
