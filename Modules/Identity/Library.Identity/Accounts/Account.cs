namespace Library.Identity.Accounts;

/// <summary>
/// Someone who can sign in: staff by username, a reader by reader number or e-mail (from the replica).
/// A reader's account has the reader's id as its id, so the token's subject is the reader id.
/// </summary>
internal sealed class Account
{
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan FailureWindow = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public Guid Id { get; set; }

    /// <summary><c>admin</c>, <c>librarian</c> or <c>reader</c>.</summary>
    public string Role { get; set; } = "";

    /// <summary>Staff only, lower case; readers sign in with their number or e-mail instead.</summary>
    public string? Username { get; set; }

    public Guid? ReaderId { get; set; }

    public string PasswordHash { get; set; } = "";

    public int FailedSignIns { get; set; }

    public DateTimeOffset? FirstFailureAt { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset PasswordChangedAt { get; set; }

    public bool IsLockedAt(DateTimeOffset now) => LockedUntil is { } until && until > now;

    /// <summary>
    /// Counts a failure in a 15-minute window that starts at the first failure; the fifth locks the
    /// account for 15 minutes and starts a new window. Called under the account's row lock.
    /// </summary>
    public void RecordFailure(DateTimeOffset now)
    {
        if (FirstFailureAt is not { } first || now - first >= FailureWindow)
        {
            FirstFailureAt = now;
            FailedSignIns = 0;
        }

        FailedSignIns++;
        if (FailedSignIns >= MaxFailedSignIns)
        {
            LockedUntil = now + LockoutDuration;
            FailedSignIns = 0;
            FirstFailureAt = null;
        }
    }

    public void ResetFailures()
    {
        FailedSignIns = 0;
        FirstFailureAt = null;
    }

    public void SetPassword(string hash, DateTimeOffset now)
    {
        PasswordHash = hash;
        PasswordChangedAt = now;
        ResetFailures();
        LockedUntil = null;
    }
}

/// <summary>Who signed in, as the token endpoint puts it into claims.</summary>
internal sealed record SignedInAccount(Guid Id, string Role, string Username, Guid? ReaderId);
