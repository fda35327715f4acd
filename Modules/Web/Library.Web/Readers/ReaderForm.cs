namespace Library.Web.Readers;

/// <summary>The profile form as posted (checkboxes post "true" when ticked, nothing otherwise).</summary>
internal sealed class ReaderForm
{
    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? PhoneNumber { get; set; }

    public string? BirthDate { get; set; }

    public string? Interests { get; set; }

    public string? GdprConsent { get; set; }

    public string? MarketingConsent { get; set; }

    public string? ThirdPartySharingConsent { get; set; }

    public string? Category { get; set; }

    public string? Version { get; set; }

    public object ProfileChanges() => new
    {
        name = Name?.Trim(),
        email = string.IsNullOrWhiteSpace(Email) ? null : Email.Trim(),
        phoneNumber = PhoneNumber?.Trim() ?? "",
        gdprConsent = GdprConsent == "true",
        marketingConsent = MarketingConsent == "true",
        thirdPartySharingConsent = ThirdPartySharingConsent == "true",
        interests = ProfileFields.InterestsOf(Interests),
    };

    public object Registration() => new
    {
        name = Name?.Trim(),
        email = string.IsNullOrWhiteSpace(Email) ? null : Email.Trim(),
        phoneNumber = string.IsNullOrWhiteSpace(PhoneNumber) ? null : PhoneNumber.Trim(),
        birthDate = string.IsNullOrWhiteSpace(BirthDate) ? null : BirthDate,
        gdprConsent = GdprConsent == "true",
        marketingConsent = MarketingConsent == "true",
        thirdPartySharingConsent = ThirdPartySharingConsent == "true",
        interests = ProfileFields.InterestsOf(Interests),
        category = string.IsNullOrWhiteSpace(Category) ? null : Category,
    };
}
