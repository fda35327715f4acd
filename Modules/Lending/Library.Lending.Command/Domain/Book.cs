namespace Library.Lending.Command.Domain;

/// <summary>A catalogue entry, identified by its normalised ISBN.</summary>
internal sealed class Book
{
    public const int TitleMaxLength = 300;
    public const int AuthorMaxLength = 150;
    public const int MaxAuthors = 20;
    public const int GenreMaxLength = 60;

    private Book()
    {
    }

    public string Isbn { get; private set; } = "";

    public string Title { get; private set; } = "";

    public List<string> Authors { get; private set; } = [];

    public string? Genre { get; private set; }

    public DateTimeOffset AddedAt { get; private set; }

    public long Version { get; private set; }

    public static Book Add(string isbn, string title, IEnumerable<string> authors, string? genre, DateTimeOffset now) => new()
    {
        Isbn = isbn,
        Title = title.Trim(),
        Authors = [.. authors.Select(a => a.Trim())],
        Genre = string.IsNullOrWhiteSpace(genre) ? null : genre.Trim(),
        AddedAt = now,
        Version = 1,
    };
}

internal enum CopyStatus
{
    Available,
    OnLoan,
    Lost,

    /// <summary>Trapped for a ready hold: only that hold's reader may check it out.</summary>
    OnHoldShelf,
}

/// <summary>A physical copy of a book; its barcode is unique across the library.</summary>
internal sealed class Copy
{
    public const int BarcodeMaxLength = 64;

    private Copy()
    {
    }

    public Guid Id { get; private set; }

    public string Isbn { get; private set; } = "";

    public string Barcode { get; private set; } = "";

    public CopyStatus Status { get; private set; }

    public DateTimeOffset AddedAt { get; private set; }

    public long Version { get; private set; }

    public static Copy Add(Guid id, string isbn, string barcode, DateTimeOffset now) => new()
    {
        Id = id,
        Isbn = isbn,
        Barcode = barcode.Trim(),
        Status = CopyStatus.Available,
        AddedAt = now,
        Version = 1,
    };

    internal void CheckOut() => ChangeStatus(CopyStatus.OnLoan);

    internal void GiveBack() => ChangeStatus(CopyStatus.Available);

    internal void MarkLost() => ChangeStatus(CopyStatus.Lost);

    /// <summary>To the hold shelf for a ready hold (again, when passed on from a hold that ended to the next).</summary>
    internal void Trap() => ChangeStatus(CopyStatus.OnHoldShelf);

    /// <summary>Back on the shelf, from wherever it was free (checked in, or released from the hold shelf).</summary>
    internal void Shelve()
    {
        if (Status != CopyStatus.Available)
        {
            ChangeStatus(CopyStatus.Available);
        }
    }

    private void ChangeStatus(CopyStatus status)
    {
        Status = status;
        Version++;
    }
}
