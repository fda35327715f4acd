using Library.BuildingBlocks.Contracts;
using Library.BuildingBlocks.Results;
using Mediator;

namespace Library.Reader.Command.Readers.Register;

/// <summary>The registration form as it arrives.</summary>
internal sealed record RegisterReaderRequest(
    string? Name,
    string? Email,
    string? PhoneNumber,
    DateOnly? BirthDate,
    bool? GdprConsent,
    bool? MarketingConsent,
    bool? ThirdPartySharingConsent,
    IReadOnlyList<string>? Interests,
    string? Category);

/// <summary>The form and who sends it; the validator turns missing or malformed fields into a 400.</summary>
internal sealed record RegisterReaderCommand(
    string? Name,
    string? Email,
    string? PhoneNumber,
    DateOnly? BirthDate,
    bool? GdprConsent,
    bool? MarketingConsent,
    bool? ThirdPartySharingConsent,
    IReadOnlyList<string>? Interests,
    string? Category,
    Actor Actor) : ICommand<Result<ReaderChanged>>
{
    public static RegisterReaderCommand From(RegisterReaderRequest form, Actor actor) => new(
        form.Name, form.Email, form.PhoneNumber, form.BirthDate, form.GdprConsent, form.MarketingConsent, form.ThirdPartySharingConsent, form.Interests, form.Category, actor);
}
