using Library.BuildingBlocks.Contracts;

namespace Library.Lending.Contracts;

/// <summary>A catalogue entry. The ISBN (normalised: digits and a final X) is the book's identity.</summary>
public sealed record BookSnapshot(string Isbn, string Title, IReadOnlyList<string> Authors, string? Genre, DateTimeOffset AddedAt);

/// <summary>A physical copy as it is after the change; <paramref name="Version"/> is the copy's own version.</summary>
public sealed record CopySnapshot(Guid CopyId, long Version, string Isbn, string Barcode, string Status);

/// <summary><c>book.added</c>; the aggregate id is the ISBN.</summary>
public sealed record BookAdded(Guid EventId, DateTimeOffset OccurredAt, Actor Actor, string Isbn, long Version, BookSnapshot Book);

/// <summary><c>copy.added</c>; the aggregate id is the copy id.</summary>
public sealed record CopyAdded(Guid EventId, DateTimeOffset OccurredAt, Actor Actor, Guid CopyId, long Version, CopySnapshot Copy);
