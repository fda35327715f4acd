namespace Library.Reader.Command.Domain;

internal enum ReaderStatus
{
    Active,
    Suspended,
    Erased,
}

/// <summary>Where the reader's latest erasure request stands; <see cref="None"/> when none was made.</summary>
internal enum ErasureStatus
{
    None,
    Pending,
    Completed,
    Refused,
}
