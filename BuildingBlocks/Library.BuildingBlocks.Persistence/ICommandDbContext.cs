using Library.BuildingBlocks.Results;

namespace Library.BuildingBlocks.Persistence;

/// <summary>
/// A module's command-side DbContext. The module, not the infrastructure, knows which unique
/// constraint means which business conflict.
/// </summary>
public interface ICommandDbContext
{
    /// <summary>The error for a unique-constraint violation by name, or null when it is unexpected.</summary>
    Error? TranslateUniqueViolation(string constraintName);
}
