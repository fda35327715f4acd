using Library.BuildingBlocks.ReadStore;

namespace Library.Lending.Query.ReadModel;

/// <summary>A catalogue entry; the search fields are lower-cased copies for case-insensitive search.</summary>
internal sealed class BookDocument : IReadDocument
{
    /// <summary>The normalised ISBN.</summary>
    public string Id { get; set; } = "";

    public long Version { get; set; }

    public string Title { get; set; } = "";

    public string TitleSearch { get; set; } = "";

    public List<string> Authors { get; set; } = [];

    /// <summary>All authors, lower-cased, joined by " | ", for substring search.</summary>
    public string AuthorsSearch { get; set; } = "";

    public string? Genre { get; set; }

    public string? GenreSearch { get; set; }

    public DateTime AddedAt { get; set; }
}

/// <summary>
/// One copy and its status, at the copy's own version. Availability is counted from these per read,
/// through the isbn index, so it can never drift from the copies themselves.
/// </summary>
internal sealed class CopyDocument : IReadDocument
{
    public string Id { get; set; } = "";

    public long Version { get; set; }

    public string Isbn { get; set; } = "";

    public string Barcode { get; set; } = "";

    public string Status { get; set; } = "";
}

/// <summary>The reader as loans show them: number and name, at the reader's version (erasure anonymises the name).</summary>
internal sealed class LoanReaderDocument : IReadDocument
{
    public string Id { get; set; } = "";

    public long Version { get; set; }

    public string ReaderNumber { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>The reader was erased: their loans show no free text (a return comment or waiver reason may name them).</summary>
    public bool Erased { get; set; }
}
