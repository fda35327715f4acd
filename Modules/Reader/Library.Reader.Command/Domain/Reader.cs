using Library.BuildingBlocks.Contracts;
using Library.BuildingBlocks.Results;

namespace Library.Reader.Command.Domain;

/// <summary>Personal details a reader gives at registration or changes later.</summary>
internal sealed record ReaderDetails(
    string Name,
    string Email,
    string? PhoneNumber,
    DateOnly BirthDate,
    bool GdprConsent,
    bool MarketingConsent,
    bool ThirdPartySharingConsent,
    IReadOnlyList<string> Interests,
    string Category = ReaderRules.DefaultCategory);

/// <summary>A partial profile change; null means "leave as it is", an empty phone number removes it.</summary>
internal sealed record ProfileChanges(
    string? Name = null,
    string? Email = null,
    string? PhoneNumber = null,
    bool? GdprConsent = null,
    bool? MarketingConsent = null,
    bool? ThirdPartySharingConsent = null,
    IReadOnlyList<string>? Interests = null);

/// <summary>What the lending side says the reader still has out: erasure waits until both are zero.</summary>
internal sealed record LendingStanding(int OpenLoans, long FinesOwedCents);

/// <summary>
/// The reader aggregate. Every successful change increments <see cref="Version"/>, which is the
/// optimistic-concurrency token, the ETag, and the version carried by the integration event.
/// </summary>
internal sealed class Reader
{
    public const string ErasedName = "Erased reader";

    private Reader()
    {
    }

    public Guid Id { get; private set; }

    public string ReaderNumber { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string? Email { get; private set; }

    /// <summary>Lower-cased e-mail; unique, which makes e-mail uniqueness case-insensitive.</summary>
    public string? EmailNormalized { get; private set; }

    public string? PhoneNumber { get; private set; }

    public DateOnly? BirthDate { get; private set; }

    public bool GdprConsent { get; private set; }

    public bool MarketingConsent { get; private set; }

    public bool ThirdPartySharingConsent { get; private set; }

    public List<string> Interests { get; private set; } = [];

    public ReaderStatus Status { get; private set; }

    /// <summary>The reader's category code (<c>adult</c> unless staff chose another); its terms live in the Lending service.</summary>
    public string Category { get; private set; } = ReaderRules.DefaultCategory;

    public string? SuspensionReason { get; private set; }

    /// <summary>Who put the suspension in force, or last changed its reason; null while active.</summary>
    public Actor? SuspendedBy { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? ErasedAt { get; private set; }

    /// <summary>The latest erasure request, if any: pending until the Lending service answers.</summary>
    public ErasureStatus Erasure { get; private set; }

    public Guid? ErasureRequestId { get; private set; }

    public DateTimeOffset? ErasureRequestedAt { get; private set; }

    public Actor? ErasureRequestedBy { get; private set; }

    public string? ErasureRefusalCode { get; private set; }

    public long Version { get; private set; }

    public static Result<Reader> Register(Guid id, string readerNumber, ReaderDetails details, DateTimeOffset now)
    {
        if (!details.GdprConsent)
        {
            return ReaderErrors.GdprConsentRequired();
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (!ReaderRules.IsOldEnough(details.BirthDate, today))
        {
            return ReaderErrors.TooYoung(ReaderRules.MinimumAge);
        }

        if (!ReaderRules.IsPlausibleBirthDate(details.BirthDate, today))
        {
            return ReaderErrors.ImplausibleBirthDate(ReaderRules.MaximumAge);
        }

        if (!ReaderRules.IsValidCategory(details.Category))
        {
            return ReaderErrors.InvalidCategory();
        }

        return new Reader
        {
            Id = id,
            ReaderNumber = readerNumber,
            Name = details.Name.Trim(),
            Email = details.Email.Trim(),
            EmailNormalized = ReaderRules.NormalizeEmail(details.Email),
            PhoneNumber = string.IsNullOrWhiteSpace(details.PhoneNumber) ? null : details.PhoneNumber.Trim(),
            BirthDate = details.BirthDate,
            GdprConsent = true,
            MarketingConsent = details.MarketingConsent,
            ThirdPartySharingConsent = details.ThirdPartySharingConsent,
            Interests = ReaderRules.NormalizeInterests(details.Interests),
            Status = ReaderStatus.Active,
            Category = details.Category,
            RegisteredAt = now,
            UpdatedAt = now,
            Version = 1,
        };
    }

    /// <summary>Applies the changes; returns the JSON names of the fields that actually changed (none: no new version).</summary>
    public Result<IReadOnlyList<string>> UpdateProfile(ProfileChanges changes, DateTimeOffset now)
    {
        if (Status == ReaderStatus.Erased)
        {
            return ReaderErrors.Erased();
        }

        if (changes.GdprConsent == false)
        {
            return ReaderErrors.GdprConsentRequired();
        }

        var changed = new List<string>();
        if (changes.Name is { } name && name.Trim() != Name)
        {
            Name = name.Trim();
            changed.Add("name");
        }

        if (changes.Email is { } email && email.Trim() != Email)
        {
            Email = email.Trim();
            EmailNormalized = ReaderRules.NormalizeEmail(email);
            changed.Add("email");
        }

        if (changes.PhoneNumber is { } phone)
        {
            var newPhone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
            if (newPhone != PhoneNumber)
            {
                PhoneNumber = newPhone;
                changed.Add("phoneNumber");
            }
        }

        if (changes.MarketingConsent is { } marketing && marketing != MarketingConsent)
        {
            MarketingConsent = marketing;
            changed.Add("marketingConsent");
        }

        if (changes.ThirdPartySharingConsent is { } sharing && sharing != ThirdPartySharingConsent)
        {
            ThirdPartySharingConsent = sharing;
            changed.Add("thirdPartySharingConsent");
        }

        if (changes.Interests is { } interests)
        {
            var normalized = ReaderRules.NormalizeInterests(interests);
            if (!normalized.SequenceEqual(Interests, StringComparer.Ordinal))
            {
                Interests = normalized;
                changed.Add("interests");
            }
        }

        if (changed.Count > 0)
        {
            Touch(now);
        }

        return changed;
    }

    /// <summary>Suspends, or changes the reason of a suspension already in force; returns whether anything changed.</summary>
    public Result<bool> Suspend(string reason, Actor by, DateTimeOffset now)
    {
        if (Status == ReaderStatus.Erased)
        {
            return ReaderErrors.Erased();
        }

        var trimmed = reason.Trim();
        if (Status == ReaderStatus.Suspended && SuspensionReason == trimmed)
        {
            return false;
        }

        Status = ReaderStatus.Suspended;
        SuspensionReason = trimmed;
        SuspendedBy = by;
        Touch(now);
        return true;
    }

    /// <summary>Staff put the reader in another category; returns whether anything changed (the same one again: no new version).</summary>
    public Result<bool> ChangeCategory(string category, DateTimeOffset now)
    {
        if (Status == ReaderStatus.Erased)
        {
            return ReaderErrors.Erased();
        }

        if (!ReaderRules.IsValidCategory(category))
        {
            return ReaderErrors.InvalidCategory();
        }

        if (category == Category)
        {
            return false;
        }

        Category = category;
        Touch(now);
        return true;
    }

    public Result Reactivate(DateTimeOffset now)
    {
        if (Status == ReaderStatus.Erased)
        {
            return ReaderErrors.Erased();
        }

        if (Status != ReaderStatus.Suspended)
        {
            return ReaderErrors.NotSuspended();
        }

        Status = ReaderStatus.Active;
        SuspensionReason = null;
        SuspendedBy = null;
        Touch(now);
        return Result.Success();
    }

    /// <summary>
    /// Asks for GDPR erasure. The Reader service does not decide it: the Lending service is the authority
    /// on loans and fines, and a checkout may be on its way that this service's replica has not seen yet.
    /// So the request is refused at once only when the replica already shows something open or owed
    /// (which can only clear through the Lending service), and otherwise becomes pending until the
    /// Lending service answers. Returns whether a new request was made; asking again while one is
    /// pending, or once erased, changes nothing, so a retried request is harmless.
    /// </summary>
    public Result<bool> RequestErasure(LendingStanding replica, Guid requestId, Actor by, DateTimeOffset now)
    {
        if (Status == ReaderStatus.Erased || Erasure == ErasureStatus.Pending)
        {
            return false;
        }

        if (replica.OpenLoans > 0)
        {
            return ReaderErrors.HasOpenLoans(replica.OpenLoans);
        }

        if (replica.FinesOwedCents > 0)
        {
            return ReaderErrors.OwesFines(replica.FinesOwedCents);
        }

        Erasure = ErasureStatus.Pending;
        ErasureRequestId = requestId;
        ErasureRequestedAt = now;
        ErasureRequestedBy = by;
        ErasureRefusalCode = null;
        Touch(now);
        return true;
    }

    /// <summary>
    /// The Lending service cleared <paramref name="requestId"/> (nothing open or owed, and no further
    /// checkout possible): personal data is replaced, the reader number stays (it identifies history and
    /// is never reused). An answer to any other request, or a second answer, changes nothing.
    /// </summary>
    public bool CompleteErasure(Guid requestId, DateTimeOffset now)
    {
        if (!IsPending(requestId))
        {
            return false;
        }

        Name = ErasedName;
        Email = null;
        EmailNormalized = null;
        PhoneNumber = null;
        BirthDate = null;
        MarketingConsent = false;
        ThirdPartySharingConsent = false;
        Interests = [];
        SuspensionReason = null;
        SuspendedBy = null;
        Status = ReaderStatus.Erased;
        ErasedAt = now;
        Erasure = ErasureStatus.Completed;
        Touch(now);
        return true;
    }

    /// <summary>The Lending service refused <paramref name="requestId"/> with <paramref name="code"/>; the reader stays as they are.</summary>
    public bool RefuseErasure(Guid requestId, string code, DateTimeOffset now)
    {
        if (!IsPending(requestId))
        {
            return false;
        }

        Erasure = ErasureStatus.Refused;
        ErasureRefusalCode = code;
        Touch(now);
        return true;
    }

    private bool IsPending(Guid requestId) => Erasure == ErasureStatus.Pending && ErasureRequestId == requestId;

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }
}
