namespace Library.Reader.Command.Domain;

internal enum ReaderStatus
{
    Active,
    Suspended,
    Erased,
}
