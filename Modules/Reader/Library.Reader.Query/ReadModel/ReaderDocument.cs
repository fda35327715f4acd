using Library.BuildingBlocks.ReadStore;

namespace Library.Reader.Query.ReadModel;

/// <summary>
/// The reader as the query side shows it, at <see cref="Version"/> of the reader aggregate.
/// <see cref="NameSearch"/> and <see cref="EmailSearch"/> are lower-cased copies for
/// case-insensitive search.
/// </summary>
internal sealed class ReaderDocument : IReadDocument
{
    public string Id { get; set; } = "";

    public long Version { get; set; }

    public string ReaderNumber { get; set; } = "";

    public string Name { get; set; } = "";

    public string NameSearch { get; set; } = "";

    public string? Email { get; set; }

    public string? EmailSearch { get; set; }

    public string? PhoneNumber { get; set; }

    /// <summary>ISO date (yyyy-MM-dd): a calendar date, not an instant.</summary>
    public string? BirthDate { get; set; }

    public bool GdprConsent { get; set; }

    public bool MarketingConsent { get; set; }

    public bool ThirdPartySharingConsent { get; set; }

    public List<string> Interests { get; set; } = [];

    public string Status { get; set; } = "";

    /// <summary>The reader's category code; documents written before categories existed read as <c>adult</c>, the default.</summary>
    public string Category { get; set; } = "adult";

    public string? SuspensionReason { get; set; }

    /// <summary>Who put the suspension in force; null while active.</summary>
    public ActorDocument? SuspendedBy { get; set; }

    public DateTime RegisteredAt { get; set; }

    /// <summary>The latest erasure request: <c>pending</c>, <c>completed</c> or <c>refused</c>; null when none was made.</summary>
    public string? ErasureStatus { get; set; }

    public string? ErasureRequestId { get; set; }

    /// <summary>Why the latest request was refused (<c>reader.has_open_loans</c>, <c>reader.owes_fines</c>).</summary>
    public string? ErasureCode { get; set; }

    public DateTime? ErasureRequestedAt { get; set; }

    public ActorDocument? ErasureRequestedBy { get; set; }

    /// <summary>When the change this version reflects happened on the command side.</summary>
    public DateTime UpdatedAt { get; set; }
}
