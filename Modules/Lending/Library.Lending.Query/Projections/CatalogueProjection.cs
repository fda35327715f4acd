using DotNetCore.CAP;
using Library.BuildingBlocks.Privacy;
using Library.BuildingBlocks.ReadStore;
using Library.Lending.Contracts;
using Library.Lending.Query.ReadModel;
using Library.Reader.Contracts;

namespace Library.Lending.Query.Projections;

/// <summary>Books, copies and the readers' names as loans show them.</summary>
internal sealed class CatalogueProjection(
    IReadStore<BookDocument> books,
    IReadStore<CopyDocument> copies,
    IReadStore<LoanReaderDocument> readers,
    ReaderStamps stamps,
    IPersonalDataPurge purge) : ICapSubscribe
{
    [CapSubscribe(LendingTopics.BookAdded, Group = LoanProjection.Group)]
    public Task On(BookAdded message, CancellationToken cancellationToken) =>
        books.UpsertIfNewerAsync(
            new BookDocument
            {
                Id = message.Isbn,
                Version = message.Version,
                Title = message.Book.Title,
                TitleSearch = message.Book.Title.ToLowerInvariant(),
                Authors = [.. message.Book.Authors],
                AuthorsSearch = string.Join(" | ", message.Book.Authors).ToLowerInvariant(),
                Genre = message.Book.Genre,
                GenreSearch = message.Book.Genre?.ToLowerInvariant(),
                AddedAt = message.Book.AddedAt.UtcDateTime,
            },
            cancellationToken);

    [CapSubscribe(LendingTopics.CopyAdded, Group = LoanProjection.Group)]
    public Task On(CopyAdded message, CancellationToken cancellationToken) =>
        copies.UpsertIfNewerAsync(ToDocument(message.Copy), cancellationToken);

    [CapSubscribe(ReaderTopics.Registered, Group = LoanProjection.Group)]
    public Task On(ReaderRegistered message, CancellationToken cancellationToken) =>
        ApplyReader(message.ReaderId, message.Version, message.Reader, cancellationToken);

    [CapSubscribe(ReaderTopics.Updated, Group = LoanProjection.Group)]
    public Task On(ReaderUpdated message, CancellationToken cancellationToken) =>
        ApplyReader(message.ReaderId, message.Version, message.Reader, cancellationToken);

    [CapSubscribe(ReaderTopics.Erased, Group = LoanProjection.Group)]
    public async Task On(ReaderErased message, CancellationToken cancellationToken)
    {
        await ApplyReader(message.ReaderId, message.Version, message.Reader, cancellationToken);
        await purge.PurgeMessagesAboutAsync(message.ReaderId, cancellationToken);
    }

    internal static CopyDocument ToDocument(CopySnapshot copy) => new()
    {
        Id = copy.CopyId.ToString(),
        Version = copy.Version,
        Isbn = copy.Isbn,
        Barcode = copy.Barcode,
        Status = copy.Status,
    };

    private async Task ApplyReader(Guid readerId, long version, ReaderSnapshot reader, CancellationToken cancellationToken)
    {
        var document = new LoanReaderDocument
        {
            Id = readerId.ToString(),
            Version = version,
            ReaderNumber = reader.ReaderNumber,
            Name = reader.Name,
            Erased = reader.Status == ReaderStatuses.Erased,
        };
        await readers.UpsertIfNewerAsync(document, cancellationToken);

        // Re-stamp from whatever is newest now, which may be a later event than this one.
        if (await readers.GetAsync(document.Id, cancellationToken) is { } latest)
        {
            await stamps.RestampLoansAsync(latest, cancellationToken);
        }
    }
}
