using Library.BuildingBlocks.Results;
using Mediator;

namespace Library.Reader.Command.Readers.Register;

/// <summary>The registration form as it arrives; the validator turns missing or malformed fields into a 400.</summary>
internal sealed record RegisterReaderCommand(
    string? Name,
    string? Email,
    string? PhoneNumber,
    DateOnly? BirthDate,
    bool? GdprConsent,
    bool? MarketingConsent,
    bool? ThirdPartySharingConsent,
    IReadOnlyList<string>? Interests) : ICommand<Result<ReaderChanged>>;
