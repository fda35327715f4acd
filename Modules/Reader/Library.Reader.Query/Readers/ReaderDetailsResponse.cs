using Library.BuildingBlocks.Contracts;
using Library.Reader.Query.ReadModel;

namespace Library.Reader.Query.Readers;

/// <summary>What <c>GET /api/readers/{id}</c> and the search return for one reader.</summary>
internal sealed record ReaderDetailsResponse(
    string ReaderId,
    string ReaderNumber,
    string Name,
    string? Email,
    string? PhoneNumber,
    string? BirthDate,
    bool GdprConsent,
    bool MarketingConsent,
    bool ThirdPartySharingConsent,
    IReadOnlyList<string> Interests,
    string Status,
    string Category,
    string? SuspensionReason,
    Actor? SuspendedBy,
    int ActiveLoans,
    int OverdueLoans,
    long FinesOwedCents,
    int HoldsWaiting,
    int HoldsReady,
    DateTime RegisteredAt,
    ErasureProgressResponse? Erasure,
    long Version)
{
    public static ReaderDetailsResponse From(ReaderDocument reader, ReaderLoanCounts counts) => new(
        reader.Id,
        reader.ReaderNumber,
        reader.Name,
        reader.Email,
        reader.PhoneNumber,
        reader.BirthDate,
        reader.GdprConsent,
        reader.MarketingConsent,
        reader.ThirdPartySharingConsent,
        reader.Interests,
        reader.Status,
        reader.Category,
        reader.SuspensionReason,
        reader.SuspendedBy?.ToActor(),
        counts.ActiveLoans,
        counts.OverdueLoans,
        counts.FinesOwedCents,
        counts.HoldsWaiting,
        counts.HoldsReady,
        reader.RegisteredAt,
        ErasureProgressResponse.From(reader),
        reader.Version);
}

/// <summary>Where the reader's latest erasure request stands (<c>GET /api/readers/{id}/erasure</c>, and in the details).</summary>
internal sealed record ErasureProgressResponse(string RequestId, string Status, string? Code, DateTime RequestedAt, Actor? RequestedBy)
{
    public static ErasureProgressResponse? From(ReaderDocument reader) =>
        reader.ErasureStatus is { } status
            ? new ErasureProgressResponse(reader.ErasureRequestId!, status, reader.ErasureCode, reader.ErasureRequestedAt!.Value, reader.ErasureRequestedBy?.ToActor())
            : null;
}
