using Library.BuildingBlocks.Results;
using Library.BuildingBlocks.Security;
using Mediator;

namespace Library.Reader.Command.Readers.UpdateProfile;

/// <summary>The PATCH body: absent or null fields stay as they are; an empty phone number removes it.</summary>
internal sealed record UpdateReaderProfileRequest(
    string? Name,
    string? Email,
    string? PhoneNumber,
    bool? GdprConsent,
    bool? MarketingConsent,
    bool? ThirdPartySharingConsent,
    IReadOnlyList<string>? Interests);

internal sealed record UpdateReaderProfileCommand(Guid ReaderId, long ExpectedVersion, UpdateReaderProfileRequest Changes, Caller Caller)
    : ICommand<Result<ReaderChanged>>;
